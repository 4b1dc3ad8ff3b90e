import { copyFile, lstat, mkdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { run } from "./exec.js";

/** The packages a release publishes, in dependency order. */
export const PUBLIC_PACKAGES = [
  { name: "@user-extra/types", dir: "packages/types" },
  { name: "@user-extra/client", dir: "packages/client" },
  { name: "@user-extra/sandbox", dir: "packages/sandbox" },
  { name: "@user-extra/pact", dir: "packages/pact" },
] as const;

const GIT_IDENTITY = [
  "-c",
  "user.name=Release rehearsal",
  "-c",
  "user.email=rehearsal@example.invalid",
  "-c",
  "commit.gpgsign=false",
  "-c",
  "tag.gpgsign=false",
];

/**
 * Copies the workspace as git sees it (tracked files plus new, not ignored ones, with their
 * working-tree content) to `dest`, then makes the copy a git repository of its own: `changeset
 * publish` tags releases there, and the breaking check reads those tags. The real repository is
 * only read.
 */
export async function copyWorkspace(root: string, dest: string): Promise<number> {
  const { stdout } = await run(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    { cwd: root },
  );
  let copied = 0;
  for (const file of new Set(stdout.split("\0").filter(Boolean))) {
    const from = join(root, file);
    const stat = await lstat(from).catch(() => undefined);
    if (!stat) continue; // deleted in the working tree
    const to = join(dest, file);
    await mkdir(dirname(to), { recursive: true });
    if (stat.isSymbolicLink()) await symlink(await readlink(from), to);
    else if (stat.isFile()) await copyFile(from, to);
    else continue;
    copied += 1;
  }
  await git(dest, ["init", "-q", "-b", "main"]);
  await commitAll(dest, "Workspace copied for the release rehearsal");
  return copied;
}

export async function git(cwd: string, args: string[]): Promise<string> {
  return (await run("git", [...GIT_IDENTITY, ...args], { cwd })).stdout.trim();
}

export async function commitAll(cwd: string, message: string): Promise<void> {
  await git(cwd, ["add", "-A"]);
  await git(cwd, ["commit", "-q", "--allow-empty", "-m", message]);
}

export async function readManifest(
  dir: string,
): Promise<{ name: string; version: string; dependencies?: Record<string, string> }> {
  return JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
}

/** The changeset the rehearsal releases: a minor of every public package. */
export async function writeRehearsalChangeset(workspace: string): Promise<string> {
  const summary =
    "Release rehearsal: this changeset only ever exists in a throwaway copy of the workspace.";
  const front = PUBLIC_PACKAGES.map((p) => `"${p.name}": minor`).join("\n");
  await writeFile(
    join(workspace, ".changeset", "release-rehearsal.md"),
    `---\n${front}\n---\n\n${summary}\n`,
  );
  return summary;
}

/** Versions pinned in the workspace catalog (the consumer installs the same TypeScript). */
export async function catalogVersion(root: string, name: string): Promise<string> {
  const workspace = parseYaml(await readFile(join(root, "pnpm-workspace.yaml"), "utf8")) as {
    catalog?: Record<string, string>;
  };
  const version = workspace.catalog?.[name];
  if (!version) throw new Error(`pnpm-workspace.yaml: no catalog entry for "${name}"`);
  return version;
}

/** The version of a catalog entry that installs a package under another name (`npm:<name>@<version>`). */
export function aliasedVersion(spec: string): string {
  const version = /^npm:(?:@[^/@]+\/)?[^@]+@(.+)$/.exec(spec)?.[1];
  if (!version)
    throw new Error(
      `expected a catalog alias "npm:<package>@<version>", got ${JSON.stringify(spec)}`,
    );
  return version;
}
