import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isRunning as alive } from "../src/processes.js";

const pkgDir = new URL("..", import.meta.url).pathname;

interface Run {
  code: number | null;
  output: string;
  /** The temp folder the run was given, listed after it ended. */
  tempAfter: string[];
  children: number[];
}

/** run-tests over the fixture run, in a temp folder of its own; `interrupt` once it is ready. */
function runFixture(mode: string, interrupt?: NodeJS.Signals): Promise<Run> {
  const outer = mkdtempSync(join(tmpdir(), "outer-"));
  const child = spawn(
    process.execPath,
    [
      "bin/run-tests.js",
      "node_modules/.bin/vitest",
      "run",
      "--config",
      "test/fixture/vitest.config.ts",
    ],
    {
      cwd: pkgDir,
      env: {
        ...process.env,
        TMPDIR: outer,
        FIXTURE_MODE: mode,
        NO_COLOR: "1",
        RUN_TESTS_GRACE_MS: "1000",
      },
    },
  );
  let output = "";
  const children: number[] = [];
  const read = (chunk: Buffer) => {
    output += chunk;
    for (const m of String(chunk).matchAll(/FIXTURE_CHILD (\d+)/g)) {
      children.push(Number(m[1]));
      if (interrupt) child.kill(interrupt);
    }
  };
  child.stdout.on("data", read);
  child.stderr.on("data", read);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      const tempAfter = readdirSync(outer);
      rmSync(outer, { recursive: true, force: true });
      resolve({ code, output, tempAfter, children });
    });
  });
}

// Each test is a run of its own in a folder of its own: they can run side by side.
describe.concurrent("run-tests", () => {
  it("passes a clean run through and leaves its temp folder empty", async () => {
    const run = await runFixture("clean");
    expect(run.code, run.output).toBe(0);
    expect(run.tempAfter).toEqual([]);
  });

  it("keeps a failing run's exit code and still cleans up", async () => {
    const run = await runFixture("fail");
    expect(run.code).toBe(1);
    expect(run.tempAfter).toEqual([]);
  });

  it("fails a passing run that leaves a file, naming it, and removes it", async () => {
    const run = await runFixture("leak-file");
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/left 1 temp entry and 0 process\(es\) behind/);
    expect(run.output).toMatch(/file {4}fixture-\w+\/state\.json/);
    expect(run.tempAfter).toEqual([]);
  });

  it("fails a passing run that leaves a process running, naming it, and stops it", async () => {
    const run = await runFixture("leak-process");
    expect(run.code).toBe(1);
    const [pid] = run.children;
    expect(run.output).toContain(`process ${pid}: ${process.execPath} -e setInterval`);
    expect(alive(pid ?? 0)).toBe(false);
    expect(run.tempAfter).toEqual([]);
  });

  it.each(["SIGINT", "SIGTERM"] as const)(
    "on %s stops the run and what it started, and leaves nothing",
    async (signal) => {
      const run = await runFixture("hang", signal);
      expect(run.code).toBe(signal === "SIGINT" ? 130 : 143);
      expect(run.children).toHaveLength(1);
      expect(alive(run.children[0] ?? 0)).toBe(false);
      expect(run.tempAfter).toEqual([]);
    },
  );

  it("explains its usage without a command", async () => {
    const { runTests } = await import("../src/run-tests.js");
    const lines: string[] = [];
    expect(await runTests([], { log: (l) => lines.push(l) })).toBe(2);
    expect(lines.join("\n")).toContain("usage: run-tests <command>");
  });
});
