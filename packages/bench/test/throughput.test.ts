import { describe, expect, it } from "vitest";
import { answerKey, prepareAnswers } from "../src/ceiling-server.js";
import {
  CEILING_TARGETS,
  type LoadRun,
  postBudget,
  QUICK_THROUGHPUT,
  requestSpecs,
  summarize,
} from "../src/throughput.js";

const run = (contender: LoadRun["contender"], round: number, rps: number): LoadRun => ({
  contender,
  endpoint: "get",
  round,
  requestsPerSec: rps,
  latencyP50Ms: 1,
  latencyP99Ms: 2,
  bytesPerSec: 0,
  failed: 0,
});

describe("requestSpecs", () => {
  it("sends a fresh parent with every POST and one body with every PATCH", () => {
    const specs = requestSpecs(7);
    expect(specs.get.path).toBe("/user_extra/7/");
    expect(specs.patch.path).toBe("/user_extra/7/");
    expect(JSON.parse(specs.post.body?.(41) ?? "{}").parent).toBe(41);
    expect(specs.patch.body?.(1)).toBe(specs.patch.body?.(2));
    expect(specs.post.status).toBe(201);
  });
});

describe("postBudget", () => {
  it("covers every round, warmups included, at 25,000 POSTs/s", () => {
    const o = QUICK_THROUGHPUT;
    expect(postBudget(o)).toBeGreaterThanOrEqual(o.rounds * (o.durationSec + o.warmupSec) * 25_000);
  });
});

describe("summarize", () => {
  const specs = requestSpecs(1);
  const bytes = { get: 10, list: 20, patch: 30, post: 40 };

  it("takes the median of per-round ratios against the ceiling and judges the target", () => {
    const runs = [
      run("sandbox", 0, 50),
      run("ceiling", 0, 100),
      run("sandbox", 1, 120),
      run("ceiling", 1, 200),
      run("sandbox", 2, 40),
      run("ceiling", 2, 100),
    ];
    const { summaries, ratios } = summarize(runs, specs, bytes);
    const get = ratios.find((r) => r.endpoint === "get");
    expect(get?.toCeiling).toBeCloseTo(0.5);
    expect(get?.target).toBe(CEILING_TARGETS.get);
    expect(get?.meetsTarget).toBe(true);
    expect(get?.toPrism).toBeNull();
    const sandbox = summaries.find((s) => s.contender === "sandbox");
    expect([
      sandbox?.requestsPerSec,
      sandbox?.minRequestsPerSec,
      sandbox?.maxRequestsPerSec,
    ]).toEqual([50, 40, 120]);
    expect(sandbox?.responseBytes).toBe(10);
  });

  it("reports no ratio for an endpoint that was not measured", () => {
    const { ratios } = summarize([run("sandbox", 0, 1)], specs, bytes);
    expect(ratios.find((r) => r.endpoint === "post")?.meetsTarget).toBeNull();
  });
});

describe("the ceiling's answers", () => {
  it("are found by method and URL, with their Content-Length in bytes", () => {
    const answers = prepareAnswers([
      { method: "get", url: "/api/v1/x/", status: 200, headers: { "x-a": "1" }, body: "é" },
    ]);
    const a = answers.get(answerKey("GET", "/api/v1/x/"));
    expect(a?.headers).toEqual({ "x-a": "1", "content-length": 2 });
    expect(a?.body.toString()).toBe("é");
  });
});
