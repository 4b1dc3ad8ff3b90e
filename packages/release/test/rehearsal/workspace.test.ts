import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { parseChangeset } from "../../src/breaking/changesets.js";
import {
  aliasedVersion,
  catalogVersion,
  copyWorkspace,
  PUBLIC_PACKAGES,
  writeRehearsalChangeset,
} from "../../src/rehearsal/workspace.js";
import { tempDir, WORKSPACE_ROOT } from "../helpers.js";

const exec = promisify(execFile);
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function dir(prefix: string) {
  const made = await tempDir(prefix);
  cleanups.push(made.cleanup);
  return made.dir;
}

describe("copyWorkspace", () => {
  it("copies what git sees, as in the working tree, into a repository of its own", async () => {
    const source = await dir("src");
    const git = (...args: string[]) =>
      exec("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], {
        cwd: source,
      });
    await git("init", "-q", "-b", "main");
    await writeFile(join(source, ".gitignore"), "dist/\n");
    await writeFile(join(source, "tracked.txt"), "committed\n");
    await writeFile(join(source, "gone.txt"), "deleted later\n");
    await git("add", ".");
    await git("commit", "-qm", "init");
    await writeFile(join(source, "tracked.txt"), "edited, not committed\n");
    await rm(join(source, "gone.txt"));
    await writeFile(join(source, "new.txt"), "untracked\n");
    await mkdir(join(source, "dist"));
    await writeFile(join(source, "dist", "built.js"), "ignored\n");
    const statusBefore = (await git("status", "--porcelain")).stdout;

    const dest = join(await dir("dest"), "copy");
    const count = await copyWorkspace(source, dest);

    expect(count).toBe(3); // .gitignore, tracked.txt, new.txt
    expect(await readFile(join(dest, "tracked.txt"), "utf8")).toBe("edited, not committed\n");
    expect(existsSync(join(dest, "new.txt"))).toBe(true);
    expect(existsSync(join(dest, "gone.txt"))).toBe(false);
    expect(existsSync(join(dest, "dist"))).toBe(false);
    const log = await exec("git", ["log", "--oneline"], { cwd: dest });
    expect(log.stdout.trim().split("\n")).toHaveLength(1);
    expect((await git("status", "--porcelain")).stdout).toBe(statusBefore);
  });
});

describe("PUBLIC_PACKAGES", () => {
  it("names every package of the workspace that is not private, in dependency order", async () => {
    const found: Array<{ name: string; dir: string }> = [];
    for (const parent of ["packages", "examples"]) {
      for (const entry of await readdir(join(WORKSPACE_ROOT, parent), { withFileTypes: true })) {
        const file = join(WORKSPACE_ROOT, parent, entry.name, "package.json");
        if (!entry.isDirectory() || !existsSync(file)) continue;
        const manifest = JSON.parse(await readFile(file, "utf8")) as {
          name: string;
          private?: boolean;
        };
        if (manifest.private !== true)
          found.push({ name: manifest.name, dir: `${parent}/${entry.name}` });
      }
    }
    const listed = PUBLIC_PACKAGES.map((p) => ({ name: p.name, dir: p.dir }));
    expect([...listed].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      found.sort((a, b) => a.name.localeCompare(b.name)),
    );
    // Each one's @user-extra dependencies (runtime and peer) come before it.
    for (const [index, p] of PUBLIC_PACKAGES.entries()) {
      const manifest = JSON.parse(
        await readFile(join(WORKSPACE_ROOT, p.dir, "package.json"), "utf8"),
      ) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
      const siblings = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
      for (const name of siblings.filter((n) => n.startsWith("@user-extra/"))) {
        expect(
          PUBLIC_PACKAGES.findIndex((q) => q.name === name),
          `${p.name} -> ${name}`,
        ).toBeLessThan(index);
      }
    }
  });
});

describe("writeRehearsalChangeset", () => {
  it("writes a changeset that bumps every public package by a minor", async () => {
    const workspace = await dir("ws");
    await mkdir(join(workspace, ".changeset"));
    await writeRehearsalChangeset(workspace);
    const text = await readFile(join(workspace, ".changeset", "release-rehearsal.md"), "utf8");
    const parsed = parseChangeset("release-rehearsal.md", text);
    expect([...parsed.releases.keys()].sort()).toEqual(PUBLIC_PACKAGES.map((p) => p.name).sort());
    expect(new Set(parsed.releases.values())).toEqual(new Set(["minor"]));
  });
});

describe("catalogVersion", () => {
  it("reads the pinned version and names a missing entry", async () => {
    const root = await dir("catalog");
    await writeFile(join(root, "pnpm-workspace.yaml"), "catalog:\n  typescript: 5.9.3\n");
    expect(await catalogVersion(root, "typescript")).toBe("5.9.3");
    await expect(catalogVersion(root, "left-pad")).rejects.toThrow(
      /no catalog entry for "left-pad"/,
    );
  });
});

describe("aliasedVersion", () => {
  it("takes the version of an npm: alias, scoped or not, and names a spec that is none", () => {
    expect(aliasedVersion("npm:typescript@7.0.2")).toBe("7.0.2");
    expect(aliasedVersion("npm:@scope/tool@1.2.3-rc.1")).toBe("1.2.3-rc.1");
    expect(() => aliasedVersion("7.0.2")).toThrow(
      'expected a catalog alias "npm:<package>@<version>", got "7.0.2"',
    );
  });
});
