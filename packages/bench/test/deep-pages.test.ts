import { describe, expect, it } from "vitest";
import { deepOffset, interleave, percentile } from "../src/deep-pages.js";

describe("percentile", () => {
  it("takes the nearest rank, whatever the order", () => {
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
  });
  it("refuses an empty list", () => {
    expect(() => percentile([], 50)).toThrow(/no values/);
  });
});

describe("deepOffset", () => {
  it("is the share of the records, whole: 330,000 of 1,000,000", () => {
    expect(deepOffset(1_000_000, 0.33)).toBe(330_000);
    expect(deepOffset(10_000, 0.33)).toBe(3300);
  });
});

describe("interleave", () => {
  it("alternates which offset goes first, the same number of each", () => {
    expect(interleave("a", "b", 3)).toEqual(["a", "b", "b", "a", "a", "b"]);
  });
});
