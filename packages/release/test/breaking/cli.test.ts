import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { changesetDir, FIXTURES, PACKAGE_DIR, tempDir } from "../helpers.js";

const run = promisify(execFile);

// The CLI as `pnpm breaking` runs it: the built dist/breaking.js, its exit code and its output.
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(PACKAGE_DIR, "dist", "breaking.js"), ...args],
      { cwd: PACKAGE_DIR },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// turbo builds dist/ before `test`. Rebuilding here would empty dist/ under the `breaking` and
// `rehearsal` tasks, which run dist/ at the same time.
beforeAll(() => {
  if (!existsSync(join(PACKAGE_DIR, "dist", "breaking.js"))) {
    throw new Error(
      "dist/breaking.js is missing: run `pnpm build` first (turbo does it before test)",
    );
  }
});

describe("dist/breaking.js", () => {
  it("exits 1 on an uncovered breaking fixture and prints the difference", async () => {
    const { dir, cleanup } = await tempDir("cli");
    try {
      const result = await cli([
        "--base",
        join(FIXTURES, "before.yaml"),
        "--spec",
        join(FIXTURES, "after-remove-status-code.yaml"),
        "--changesets",
        await changesetDir(dir, {}),
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("status code 404 removed");
    } finally {
      await cleanup();
    }
  });

  it("exits 2 with a clear message on a missing baseline file", async () => {
    const result = await cli(["--base", "/nonexistent/spec.yaml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/breaking-change check: .*\/nonexistent\/spec\.yaml/);
  });
});
