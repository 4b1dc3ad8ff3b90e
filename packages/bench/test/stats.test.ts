import { describe, expect, it } from "vitest";
import { maxGrowth, median, pairedRatio, ratio, slope } from "../src/stats.js";

describe("median", () => {
  it("takes the middle value of an odd count, whatever the order", () => {
    expect(median([9, 1, 5])).toBe(5);
  });
  it("averages the two middle values of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("refuses an empty list", () => {
    expect(() => median([])).toThrow(/no values/);
  });
});

describe("ratio", () => {
  it("divides", () => {
    expect(ratio(3, 2)).toBe(1.5);
  });
  it("gives null rather than Infinity or NaN", () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(Number.NaN, 1)).toBeNull();
  });
});

describe("pairedRatio", () => {
  it("is the median of per-round ratios, not the ratio of medians", () => {
    // Round 2 ran on a slower machine: both sides doubled, their ratio did not change.
    const ours = [110, 220, 115];
    const bare = [100, 200, 100];
    expect(pairedRatio(ours, bare)).toBeCloseTo(1.1, 10);
    expect(median(ours) / median(bare)).not.toBeCloseTo(1.1, 2);
  });
  it("refuses series of different lengths", () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(/one pair per round/);
  });
  it("skips rounds with no usable ratio", () => {
    expect(pairedRatio([2, 5], [1, 0])).toBe(2);
    expect(pairedRatio([1], [0])).toBeNull();
  });
});

describe("maxGrowth", () => {
  it("measures from the first sample and never goes negative", () => {
    expect(maxGrowth([100, 130, 90, 120])).toBe(30);
    expect(maxGrowth([100, 90, 80])).toBe(0);
  });
});

describe("slope", () => {
  it("is about zero for a flat series and the step for a line", () => {
    expect(slope([1, 2, 3, 4], [5, 5, 5, 5])).toBe(0);
    expect(slope([1000, 2000, 3000], [1500, 3000, 4500])).toBeCloseTo(1.5, 10);
  });
  it("needs two points of each", () => {
    expect(() => slope([1], [1])).toThrow(/at least 2 points/);
  });
});
