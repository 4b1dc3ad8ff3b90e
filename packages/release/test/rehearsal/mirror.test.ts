import { link, mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  dependencyClosure,
  mirrorPackages,
  resolvePackageDir,
} from "../../src/rehearsal/mirror.js";
import { startRegistry } from "../../src/rehearsal/registry.js";
import { tempDir } from "../helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("mirror"));
});
afterEach(async () => {
  await cleanup();
});

/** The folder pnpm gives `name@version` (`key` is the .pnpm entry, which may carry peer ids). */
function storeDir(key: string, name: string): string {
  return join(dir, "node_modules/.pnpm", key, "node_modules", name);
}

async function storePackage(key: string, manifest: Record<string, unknown>): Promise<string> {
  const pkg = storeDir(key, manifest.name as string);
  await mkdir(pkg, { recursive: true });
  await writeFile(join(pkg, "package.json"), JSON.stringify(manifest));
  return pkg;
}

/** A relative symlink `node_modules/<name>` inside `parent` to the store folder `target`. */
async function linkDep(parent: string, name: string, target: string): Promise<void> {
  const at = join(parent, "node_modules", name);
  await mkdir(dirname(at), { recursive: true });
  await symlink(relative(dirname(at), target), at);
}

/** pnpm's sibling link: `.pnpm/<key>/node_modules/<name>` next to the package that needs it. */
async function sibling(key: string, name: string, target: string): Promise<void> {
  await linkDep(join(dir, "node_modules/.pnpm", key), name, target);
}

describe("dependencyClosure on a pnpm layout", () => {
  it("follows dependencies, installed optional ones and required peers, once per name@version", async () => {
    const app = join(dir, "packages/app");
    await mkdir(app, { recursive: true });
    const a = await storePackage("a@1.0.0", {
      name: "a",
      version: "1.0.0",
      dependencies: { "@s/b": "^1.0.0", "native-linux": "1.0.0" },
      optionalDependencies: { "native-linux": "1.0.0", "native-darwin": "1.0.0" },
      peerDependencies: { p: "^2.0.0", q: "*" },
      peerDependenciesMeta: { q: { optional: true } },
    });
    const b = await storePackage("@s+b@1.2.0", {
      name: "@s/b",
      version: "1.2.0",
      dependencies: { d: "^2.0.0", e: "1.0.0" },
    });
    const d = await storePackage("d@2.1.0", {
      name: "d",
      version: "2.1.0",
      dependencies: { e: "1.0.0" },
    });
    const native = await storePackage("native-linux@1.0.0", {
      name: "native-linux",
      version: "1.0.0",
    });
    const p = await storePackage("p@2.0.0", { name: "p", version: "2.0.0" });
    // The same e@1.0.0 in two folders (pnpm's peer variants), and a q nobody requires.
    const e1 = await storePackage("e@1.0.0_x", { name: "e", version: "1.0.0" });
    const e2 = await storePackage("e@1.0.0_y", { name: "e", version: "1.0.0" });
    await storePackage("q@1.0.0", { name: "q", version: "1.0.0" });

    await linkDep(app, "a", a);
    await sibling("a@1.0.0", "@s/b", b);
    await sibling("a@1.0.0", "native-linux", native);
    await sibling("a@1.0.0", "p", p);
    await sibling("@s+b@1.2.0", "d", d);
    await sibling("@s+b@1.2.0", "e", e1);
    await sibling("d@2.1.0", "e", e2);

    const closure = await dependencyClosure([{ name: "a", from: app }]);
    expect(closure.map((x) => `${x.name}@${x.version}`)).toEqual([
      "@s/b@1.2.0",
      "a@1.0.0",
      "d@2.1.0",
      "e@1.0.0",
      "native-linux@1.0.0",
      "p@2.0.0",
    ]);
    expect(closure.find((x) => x.name === "@s/b")?.dir).toBe(await resolvePackageDir("@s/b", a));
  });

  it("resolves from parent folders like Node (a hoisted dependency)", async () => {
    const hoisted = await storePackage("h@3.0.0", { name: "h", version: "3.0.0" });
    await linkDep(dir, "h", hoisted);
    const deep = join(dir, "packages/app/src");
    await mkdir(deep, { recursive: true });
    const closure = await dependencyClosure([{ name: "h", from: deep }]);
    expect(closure).toEqual([{ name: "h", version: "3.0.0", dir: hoisted }]);
  });

  it("names the missing dependency and who needs it", async () => {
    const a = await storePackage("a@1.0.0", {
      name: "a",
      version: "1.0.0",
      dependencies: { gone: "^1.0.0" },
    });
    await linkDep(dir, "a", a);
    await expect(dependencyClosure([{ name: "a", from: dir }])).rejects.toThrow(
      /dependency "gone" of a@1\.0\.0 is not installed/,
    );
  });
});

describe("mirrorPackages", () => {
  it("publishes each folder to Verdaccio with every file, hardlinked ones included", async () => {
    const registry = await startRegistry(join(dir, "verdaccio"));
    try {
      const pkg = await storePackage("h@3.0.0", {
        name: "h",
        version: "3.0.0",
        scripts: { prepack: "exit 1" },
        publishConfig: { registry: "https://registry.npmjs.org/" },
      });
      await mkdir(join(pkg, "dist"));
      await writeFile(join(pkg, "dist/index.d.ts"), "export declare const h: 3;\n");
      // pnpm's content-addressed store hardlinks identical files.
      await link(join(pkg, "dist/index.d.ts"), join(pkg, "dist/index.d.mts"));
      const packDir = join(dir, "packed");
      await mkdir(packDir);

      await mirrorPackages([{ name: "h", version: "3.0.0", dir: pkg }], registry, packDir);

      const packument = (await (await fetch(`${registry.url}h`)).json()) as {
        versions: Record<string, { dist: { tarball: string } }>;
      };
      const tarballUrl = packument.versions["3.0.0"]?.dist.tarball ?? "";
      expect(tarballUrl.startsWith(registry.url)).toBe(true);
      const tar = gunzipSync(Buffer.from(await (await fetch(tarballUrl)).arrayBuffer()));
      // Both names appear as regular files (type "0"), each followed by its content.
      for (const name of ["package/dist/index.d.ts", "package/dist/index.d.mts"]) {
        const at = tar.indexOf(name);
        expect(at, name).toBeGreaterThanOrEqual(0);
        expect(String.fromCharCode(tar[at + 156] ?? 0), `${name} type`).toBe("0");
        expect(tar.subarray(at + 512, at + 512 + 26).toString()).toBe("export declare const h: 3;");
      }
    } finally {
      await registry.close();
    }
  });
});
