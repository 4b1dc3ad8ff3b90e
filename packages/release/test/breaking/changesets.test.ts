import { describe, expect, it } from "vitest";
import { parseChangeset, pendingBumps, readChangesets } from "../../src/breaking/changesets.js";
import { changesetDir, tempDir } from "../helpers.js";

describe("parseChangeset", () => {
  it("reads the frontmatter bumps and the summary", () => {
    const parsed = parseChangeset(
      "a.md",
      '---\n"@user-extra/types": major\n\'@user-extra/client\': minor\n---\n\nDrop gender "o".\n',
    );
    expect([...parsed.releases]).toEqual([
      ["@user-extra/types", "major"],
      ["@user-extra/client", "minor"],
    ]);
    expect(parsed.summary).toBe('Drop gender "o".');
  });

  it("accepts an empty changeset (a change that releases nothing)", () => {
    expect(parseChangeset("empty.md", "---\n---\n").releases.size).toBe(0);
  });

  it("names the file and the field on a bad bump", () => {
    expect(() => parseChangeset("bad.md", '---\n"@user-extra/types": huge\n---\n')).toThrow(
      /bad\.md: "@user-extra\/types" has bump "huge"; expected major, minor or patch/,
    );
  });

  it("refuses a file without frontmatter", () => {
    expect(() => parseChangeset("plain.md", "just text\n")).toThrow(/plain\.md: no frontmatter/);
  });
});

describe("readChangesets and pendingBumps", () => {
  it("skips README.md and keeps the highest bump per package", async () => {
    const { dir, cleanup } = await tempDir("cs");
    try {
      await changesetDir(dir, { "@user-extra/types": "minor", "@user-extra/client": "patch" });
      const { writeFile } = await import("node:fs/promises");
      await writeFile(`${dir}/second.md`, '---\n"@user-extra/client": major\n---\n\nx\n');
      const changesets = await readChangesets(dir);
      expect(changesets.map((c) => c.file)).toEqual(["brave-spec-change.md", "second.md"]);
      const bumps = pendingBumps(changesets);
      expect(bumps.get("@user-extra/types")).toBe("minor");
      expect(bumps.get("@user-extra/client")).toBe("major");
    } finally {
      await cleanup();
    }
  });

  it("treats a missing folder as no pending changeset", async () => {
    expect(await readChangesets("/nonexistent/.changeset")).toEqual([]);
  });
});
