// What a consuming team finds in an installed package besides the code: the licence, the
// changelog of the version it got, and source maps that carry their sources.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The problems of the package installed at `dir` (empty when it is as a team expects). */
export async function installedPackageProblems(dir: string, version: string): Promise<string[]> {
  const problems: string[] = [];
  const files = await filesUnder(dir);
  const has = (name: string) => files.includes(join(dir, name));
  if (!has("LICENSE")) problems.push("no LICENSE file");
  if (!has("CHANGELOG.md")) problems.push("no CHANGELOG.md");
  else {
    const changelog = await readFile(join(dir, "CHANGELOG.md"), "utf8");
    if (!changelog.includes(`## ${version}`)) {
      problems.push(`CHANGELOG.md has no entry "## ${version}" for the installed version`);
    }
  }
  const maps = files.filter((f) => f.endsWith(".js.map") || f.endsWith(".cjs.map"));
  if (maps.length === 0) problems.push("no source map (*.js.map) in the package");
  for (const file of maps) {
    const name = relative(dir, file);
    let map: { sources?: unknown; sourcesContent?: unknown };
    try {
      map = JSON.parse(await readFile(file, "utf8")) as typeof map;
    } catch {
      problems.push(`${name} is not JSON`);
      continue;
    }
    const sources = Array.isArray(map.sources) ? map.sources : [];
    const contents = Array.isArray(map.sourcesContent) ? map.sourcesContent : [];
    const missing = sources.filter((_, i) => typeof contents[i] !== "string" || contents[i] === "");
    if (sources.length === 0) problems.push(`${name} names no source`);
    else if (missing.length > 0) {
      problems.push(
        `${name} lacks the content of ${missing.length} of its ${sources.length} sources`,
      );
    }
  }
  return problems;
}
