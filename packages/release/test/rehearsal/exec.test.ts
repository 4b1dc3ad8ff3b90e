import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CommandError, cleanEnv, run } from "../../src/rehearsal/exec.js";

/** False once the process is gone or a zombie (a container's PID 1 may never reap it). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
}

describe("run", () => {
  it("captures stdout and stderr", async () => {
    const result = await run("sh", ["-c", "echo out; echo err >&2"], { cwd: process.cwd() });
    expect(result.stdout).toBe("out\n");
    expect(result.output).toContain("err");
  });

  it("rejects with the command's output when it fails", async () => {
    const error = await run("sh", ["-c", "echo why it failed; exit 3"], {
      cwd: process.cwd(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).message).toContain("exited with 3");
    expect((error as CommandError).output).toContain("why it failed");
  });

  it("answers with an exit code the caller accepts, and still rejects the others", async () => {
    const result = await run("sh", ["-c", "echo failing as asked; exit 1"], {
      cwd: process.cwd(),
      exitCodes: [0, 1],
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("failing as asked\n");
    expect((await run("true", [], { cwd: process.cwd() })).code).toBe(0);
    await expect(
      run("sh", ["-c", "exit 2"], { cwd: process.cwd(), exitCodes: [0, 1] }),
    ).rejects.toThrow("exited with 2");
  });

  it("on timeout also kills what the command spawned", async () => {
    // The shell prints the pid of a background sleep, then waits: both must be gone afterwards.
    const error = (await run("sh", ["-c", "sleep 30 & echo $!; wait"], {
      cwd: process.cwd(),
      timeoutMs: 500,
    }).catch((e: unknown) => e)) as CommandError;
    expect(error.message).toContain("timed out");
    const pid = Number(error.output.trim());
    expect(pid).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isRunning(pid)).toBe(false);
  });
});

describe("cleanEnv", () => {
  it("drops the npm/pnpm variables of the calling script but keeps the machine's", () => {
    process.env.npm_config_local_prefix = "/somewhere/packages/release";
    process.env.npm_config_cache = "/cache";
    try {
      const env = cleanEnv({ EXTRA: "1" });
      expect(env.npm_config_local_prefix).toBeUndefined();
      expect(env.npm_config_cache).toBe("/cache");
      expect(env.PATH).toBe(process.env.PATH);
      expect(env.EXTRA).toBe("1");
    } finally {
      delete process.env.npm_config_local_prefix;
      delete process.env.npm_config_cache;
    }
  });
});
