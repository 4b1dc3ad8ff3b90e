import { describe, expect, it } from "vitest";
import { taskTimings } from "../src/contract.js";

describe("taskTimings", () => {
  it("turns turbo's run summary into durations, in the order tasks started", () => {
    const timings = taskTimings({
      tasks: [
        {
          taskId: "@user-extra/contract#verify",
          execution: { startTime: 5000, endTime: 7500, exitCode: 0 },
        },
        {
          taskId: "@user-extra/types#build",
          execution: { startTime: 1000, endTime: 1800, exitCode: 0 },
        },
        {
          taskId: "@user-extra/contract#contract",
          execution: { startTime: 2000, endTime: 5000, exitCode: 1 },
        },
      ],
    });
    expect(timings).toEqual([
      { task: "@user-extra/types#build", ms: 800, exitCode: 0 },
      { task: "@user-extra/contract#contract", ms: 3000, exitCode: 1 },
      { task: "@user-extra/contract#verify", ms: 2500, exitCode: 0 },
    ]);
  });

  it("skips tasks that never ran (no execution times)", () => {
    expect(taskTimings({ tasks: [{ taskId: "a#b" }, { taskId: "c#d", execution: {} }] })).toEqual(
      [],
    );
    expect(taskTimings({})).toEqual([]);
  });
});
