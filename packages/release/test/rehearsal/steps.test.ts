import { describe, expect, it } from "vitest";
import { CommandError } from "../../src/rehearsal/exec.js";
import { StepError, StepRunner } from "../../src/rehearsal/steps.js";

describe("StepRunner", () => {
  it("returns the step's value and records the step", async () => {
    const lines: string[] = [];
    const steps = new StepRunner((line) => lines.push(line));
    expect(await steps.step("add", async () => 1 + 1)).toBe(2);
    expect(steps.timings.map((t) => t.name)).toEqual(["add"]);
    expect(lines[0]).toBe("- add ...");
  });

  it("names the failing step and carries its output, with secrets masked", async () => {
    const steps = new StepRunner(() => {});
    steps.addSecret("s3cr3t-token");
    const failing = steps.step("publish", async () => {
      throw new CommandError(
        "npm publish: exited with 1 (token s3cr3t-token)",
        "npm ERR! 401 for //host/:_authToken=s3cr3t-token\n",
      );
    });
    const error = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    const stepError = error as StepError;
    expect(stepError.step).toBe("publish");
    expect(stepError.message).toContain('step "publish" failed');
    expect(stepError.output).toContain("npm ERR! 401");
    expect(`${stepError.message}${stepError.reason}${stepError.output}`).not.toContain(
      "s3cr3t-token",
    );
    expect(steps.timings).toEqual([]);
  });

  it("uses an output attached to a plain error", async () => {
    const steps = new StepRunner(() => {});
    const error = (await steps
      .step("check", async () => {
        throw Object.assign(new Error("expected no difference"), { output: "report text" });
      })
      .catch((e: unknown) => e)) as StepError;
    expect(error.output).toBe("report text");
  });
});
