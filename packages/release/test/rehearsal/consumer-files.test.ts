import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CYCLE_CJS, CYCLE_MJS, USAGE_TS } from "../../src/rehearsal/consumer-files.js";
import { tempDir } from "../helpers.js";

const exec = promisify(execFile);

describe("consumer files", () => {
  it("the ESM and CJS cycles are valid JavaScript of their module kind", async () => {
    const { dir, cleanup } = await tempDir("consumer");
    try {
      await writeFile(join(dir, "cycle.mjs"), CYCLE_MJS);
      await writeFile(join(dir, "cycle.cjs"), CYCLE_CJS);
      await exec(process.execPath, ["--check", "cycle.mjs"], { cwd: dir });
      await exec(process.execPath, ["--check", "cycle.cjs"], { cwd: dir });
    } finally {
      await cleanup();
    }
    expect(CYCLE_MJS).toMatch(/^import \* as sdk from "@user-extra\/client";$/m);
    expect(CYCLE_CJS).toMatch(/^const sdk = require\("@user-extra\/client"\);$/m);
  });

  it("the usage makes wrong input a type error", () => {
    // (The team's tsconfig, which compiles it as src/usage.mts and src/usage.cts, is checked in
    // team-files.test.ts.) Wrong input must be a type error, so the published types cannot silently be `any`.
    expect(USAGE_TS.match(/@ts-expect-error/g)).toHaveLength(2);
  });
});
