import { describe, expect, it } from "vitest";
import type { OperationResult } from "../src/overhead.js";
import { report } from "../src/report.js";
import { type BenchResults, SCHEMA_VERSION, targets } from "../src/results.js";

function operation(name: "get" | "list", ratio: number): OperationResult {
  const contender = (
    c: OperationResult["contenders"][number]["contender"],
    ns: number,
  ): OperationResult["contenders"][number] => ({
    contender: c,
    cpuNsPerCall: ns,
    wallNsPerCall: ns,
    opsPerSec: 1e9 / ns,
    rmePercent: 1,
    perRoundCpuNs: [ns],
    perRoundWallNs: [ns],
    vsOpenapiFetch: ns / 1000,
    wallVsOpenapiFetch: ns / 1000,
    vsRawFetch: ns / 500,
  });
  return {
    operation: name,
    description: name,
    contenders: [
      contender("@user-extra/client", 1000 * ratio),
      contender("openapi-fetch", 1000),
      contender("hey-api", 1200),
      contender("fetch + JSON.parse", 500),
    ],
    ratioToOpenapiFetch: ratio,
    meetsTarget: ratio <= 1.15,
    ratioToHeyApi: ratio / 1.2,
    meetsHeyApiTarget: ratio <= 1.2,
  };
}

const results: BenchResults = {
  schemaVersion: SCHEMA_VERSION,
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: "2026-01-01T00:01:00.000Z",
  quick: false,
  machine: {
    cpu: "Test CPU",
    cores: 2,
    memoryGiB: 24,
    node: "v20.20.2",
    platform: "linux",
    arch: "x64",
    loadAverage1m: 0.5,
    freeMemoryGiB: 20,
  },
  overhead: {
    transport: "stub",
    rounds: 5,
    callsPerSample: 50,
    timePerTaskMs: 1000,
    target: 1.15,
    heyApiTarget: 1,
    operations: [operation("get", 1.1), operation("list", 1.7)],
  },
  errors: { contract: "Error: turbo exited 1\n    at stack" },
};

describe("targets", () => {
  it("judges each operation against 1.15x openapi-fetch and 1x hey-api", () => {
    expect(targets(results).map((t) => [t.name, t.met])).toEqual([
      ["client overhead, get", true],
      ["client overhead, list", false],
      ["client vs hey-api, get", true],
      ["client vs hey-api, list", false],
    ]);
  });
});

describe("report", () => {
  const text = report(results);

  it("starts with the machine", () => {
    expect(text.split("\n")[0]).toBe(
      "Machine: Test CPU, 2 cores, 24 GiB, Node.js v20.20.2 (linux/x64), load average 0.5 at start",
    );
  });

  it("prints each contender with its time and ratios", () => {
    const row = text
      .split("\n")
      .find((l) => l.includes("| list") && l.includes("@user-extra/client"));
    expect(row).toContain("1.70 µs");
    expect(row).toContain("1.70x");
    expect(row).toContain("3.40x");
    const hey = text.split("\n").find((l) => l.includes("| list") && l.includes("hey-api"));
    expect(hey).toContain("1.20 µs");
    expect(hey).toContain("1.20x");
  });

  it("gives the verdicts and the first line of a failed section's error", () => {
    expect(text).toMatch(/client overhead, list\s+\|\s+1\.70x.*\| NO\s+\|/);
    expect(text).toMatch(/client overhead, get\s+\|\s+1\.10x.*\| yes\s+\|/);
    expect(text).toContain("Section contract FAILED: Error: turbo exited 1");
    expect(text).not.toContain("at stack");
  });

  it("leaves out sections that did not run", () => {
    expect(text).not.toContain("Auto-pagination");
    expect(text).not.toContain("Bundle size");
  });
});
