import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { BUMP_RANK, type Bump } from "./types.js";

export interface PendingChangeset {
  file: string;
  releases: Map<string, Bump>;
  summary: string;
}

/**
 * Reads the pending changesets (`.changeset/*.md` other than README.md): a YAML frontmatter
 * mapping package names to major/minor/patch, then the summary. Malformed files are errors,
 * not silently skipped: `changeset version` would choke on them too.
 */
export async function readChangesets(dir: string): Promise<PendingChangeset[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files = names.filter((n) => n.endsWith(".md") && n.toLowerCase() !== "readme.md").sort();
  return Promise.all(
    files.map(async (name) => parseChangeset(name, await readFile(join(dir, name), "utf8"))),
  );
}

export function parseChangeset(file: string, text: string): PendingChangeset {
  const match = /^---\r?\n([\s\S]*?)\r?\n?---\r?\n?([\s\S]*)$/.exec(text.trimStart());
  if (!match) {
    throw new Error(
      `${file}: no frontmatter; expected "---", lines like "\\"@user-extra/types\\": minor", "---"`,
    );
  }
  const [, front = "", summary = ""] = match;
  const data: unknown = front.trim() ? parseYaml(front) : {};
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new Error(`${file}: frontmatter must map package names to major, minor or patch`);
  }
  const releases = new Map<string, Bump>();
  for (const [pkg, bump] of Object.entries(data)) {
    if (bump !== "major" && bump !== "minor" && bump !== "patch" && bump !== "none") {
      throw new Error(
        `${file}: "${pkg}" has bump ${JSON.stringify(bump)}; expected major, minor or patch`,
      );
    }
    releases.set(pkg, bump);
  }
  return { file, releases, summary: summary.trim() };
}

/** The highest pending bump of each package across every changeset. */
export function pendingBumps(changesets: PendingChangeset[]): Map<string, Bump> {
  const bumps = new Map<string, Bump>();
  for (const changeset of changesets) {
    for (const [pkg, bump] of changeset.releases) {
      const current = bumps.get(pkg) ?? "none";
      if (BUMP_RANK[bump] > BUMP_RANK[current]) bumps.set(pkg, bump);
    }
  }
  return bumps;
}
