import { execFile } from "node:child_process";
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

beforeAll(async () => {
  await run(join(PACKAGE_DIR, "node_modules", ".bin", "tsup"), ["--silent"], { cwd: PACKAGE_DIR });
}, 60_000);

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
