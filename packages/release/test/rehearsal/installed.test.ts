import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installedPackageProblems } from "../../src/rehearsal/installed.js";
import { tempDir } from "../helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("installed"));
});
afterEach(async () => {
  await cleanup();
});

async function pkg(files: Record<string, string>): Promise<string> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const goodMap = JSON.stringify({ version: 3, sources: ["../src/a.ts"], sourcesContent: ["x"] });

describe("installedPackageProblems", () => {
  it("accepts a package with LICENSE, a changelog entry for its version and complete maps", async () => {
    const at = await pkg({
      LICENSE: "MIT",
      "CHANGELOG.md": "# @user-extra/x\n\n## 1.2.0\n\n- things\n",
      "dist/index.js.map": goodMap,
    });
    expect(await installedPackageProblems(at, "1.2.0")).toEqual([]);
  });

  it("names each missing part", async () => {
    const at = await pkg({ "dist/index.js": "", "CHANGELOG.md": "## 1.1.0\n" });
    expect(await installedPackageProblems(at, "1.2.0")).toEqual([
      "no LICENSE file",
      'CHANGELOG.md has no entry "## 1.2.0" for the installed version',
      "no source map (*.js.map) in the package",
    ]);
  });

  it("refuses maps that point to sources they do not carry", async () => {
    const at = await pkg({
      LICENSE: "MIT",
      "CHANGELOG.md": "## 1.2.0\n",
      "dist/index.cjs.map": JSON.stringify({
        sources: ["../src/a.ts", "../src/b.ts"],
        sourcesContent: ["x"],
      }),
    });
    expect(await installedPackageProblems(at, "1.2.0")).toEqual([
      "dist/index.cjs.map lacks the content of 1 of its 2 sources",
    ]);
  });
});
