// The packed tarball, packed once for every test here: what it ships, publint and attw on it,
// then the README examples as a consumer compiles and runs them from it (installed into a temp
// project by hand, so no registry is needed), with a strict tsconfig (strict,
// exactOptionalPropertyTypes, noUncheckedIndexedAccess) under nodenext, bundler and node10
// resolution, and run against the sandbox. Needs `dist/` (turbo builds it first).
import { execFile, execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { attwProblems, packPackage } from "@user-extra/testing/pack";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const pkgDir = new URL("..", import.meta.url).pathname;
const require = createRequire(import.meta.url);
const env = { ...process.env, npm_config_update_notifier: "false", NO_COLOR: "1" };
const examples = readdirSync(join(pkgDir, "examples")).filter((f) => f.endsWith(".ts"));
let project = "";

/** Unpacks a tarball where a consumer's install would put it. */
function install(tarball: string, name: string) {
  const to = join(project, "node_modules", name);
  mkdirSync(to, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", to, "--strip-components=1"]);
}

/** A third-party dependency, linked from the workspace's install (as a registry would give it). */
function link(name: string) {
  const from = realpathSync(dirname(require.resolve(`${name}/package.json`)));
  const to = join(project, "node_modules", name);
  mkdirSync(dirname(to), { recursive: true });
  symlinkSync(from, to, "dir");
}

const strict = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  target: "ES2022",
  lib: ["ES2022", "DOM"],
  types: ["node"],
  // A consumer's usual setting; the package's own declarations are checked by attw and by
  // the nodenext build below with skipLibCheck off.
  skipLibCheck: true,
};
const modes = {
  nodenext: { module: "nodenext", moduleResolution: "nodenext", skipLibCheck: false },
  bundler: { module: "esnext", moduleResolution: "bundler" },
  node10: { module: "es2022", moduleResolution: "node10" },
} as const;

let packed: ReturnType<typeof packPackage> | undefined;
let tarball = "";
let files: string[] = [];

beforeAll(() => {
  packed = packPackage(pkgDir, [
    "dist/index.js",
    "dist/index.cjs",
    "dist/index.d.ts",
    "dist/index.d.cts",
  ]);
  ({ tarball, files } = packed);
  project = mkdtempSync(join(tmpdir(), "user-extra-consumer-"));
  install(tarball, "@user-extra/client");
  const types = packPackage(dirname(require.resolve("@user-extra/types/package.json")));
  try {
    install(types.tarball, "@user-extra/types");
  } finally {
    types.remove();
  }
  link("openapi-fetch");
  link("@types/node");
  writeFileSync(join(project, "package.json"), JSON.stringify({ type: "module", private: true }));
  mkdirSync(join(project, "src"));
  for (const f of examples) cpSync(join(pkgDir, "examples", f), join(project, "src", f));
  cpSync(join(pkgDir, "test/consumer/strict-types.ts"), join(project, "src/strict-types.ts"));
  for (const [mode, resolution] of Object.entries(modes)) {
    writeFileSync(
      join(project, `tsconfig.${mode}.json`),
      JSON.stringify({
        compilerOptions: { ...strict, ...resolution, outDir: `out-${mode}` },
        include: ["src"],
      }),
    );
  }
});

afterAll(() => {
  packed?.remove();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe("packed tarball", () => {
  it("ships dist (ESM, CJS, both type flavours, source maps with their sources) and LICENSE", () => {
    for (const f of ["index.js", "index.cjs", "index.d.ts", "index.d.cts", "index.js.map"]) {
      expect(files).toContain(`dist/${f}`);
    }
    expect(files).toContain("LICENSE");
    const allowed = /^(dist\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    const map = JSON.parse(readFileSync(join(pkgDir, "dist", "index.js.map"), "utf8")) as {
      sources: string[];
      sourcesContent?: (string | null)[];
    };
    expect(map.sources.length).toBeGreaterThan(0);
    expect(map.sourcesContent?.length).toBe(map.sources.length);
    expect(map.sourcesContent?.every((text) => typeof text === "string" && text.length > 0)).toBe(
      true,
    );
  });

  it("publint finds no error or warning", async () => {
    const buf = readFileSync(tarball);
    const tarballBytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const { messages, pkg } = await publint({ pack: { tarball: tarballBytes }, level: "warning" });
    expect(messages.map((m) => formatMessage(m, pkg) ?? m.code)).toEqual([]);
  });

  it("attw (strict profile: node10, node16 CJS and ESM, bundler) finds no problem", () => {
    expect(attwProblems(pkgDir, tarball)).toEqual({});
  });
});

const tsc = join(pkgDir, "node_modules", ".bin", "tsc");
const run = promisify(execFile);

describe("the README examples and the strict type checks compile", () => {
  it.each(Object.keys(modes))("under %s resolution", async (mode) => {
    const out = await run(tsc, ["-p", `tsconfig.${mode}.json`], { cwd: project, env }).then(
      (r) => r.stdout,
      (e: { stdout?: string }) => String(e.stdout),
    );
    expect(out).toBe("");
    // It compiled the examples themselves, not an empty program.
    for (const f of examples) {
      expect(existsSync(join(project, `out-${mode}`, f.replace(/\.ts$/, ".js")))).toBe(true);
    }
  });
});

describe("the README examples run against the sandbox", () => {
  // The sandbox from its source (it depends on this package, so it cannot be a dependency).
  const entry = new URL("../../sandbox/src/index.ts", import.meta.url).pathname;
  let sandbox: { url: string; demoToken: string; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    const { startSandbox } = await import(/* @vite-ignore */ entry);
    sandbox = await startSandbox({ seed: 10, quiet: true });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it.each(examples)("%s exits 0", async (file) => {
    // Compiled by the nodenext test above; compiled here again if that one has not run yet.
    const js = join(project, "out-nodenext", file.replace(/\.ts$/, ".js"));
    if (!existsSync(js)) await run(tsc, ["-p", "tsconfig.nodenext.json"], { cwd: project, env });
    const { stderr } = await run(process.execPath, [js], {
      cwd: project,
      // An account of the demo token's organization for the examples that create records.
      env: {
        ...env,
        USER_EXTRA_BASE_URL: sandbox?.url,
        USER_EXTRA_TOKEN: sandbox?.demoToken,
        ACCOUNT_ID: "47",
      },
    });
    expect(stderr).toBe("");
  });
});
