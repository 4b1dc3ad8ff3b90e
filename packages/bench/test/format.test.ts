import { describe, expect, it } from "vitest";
import { fmtBytes, fmtDuration, fmtNumber, fmtRatio, table } from "../src/format.js";

describe("table", () => {
  const text = table(
    ["name", "time", "ratio"],
    [
      ["a", "1.5 ms", "1.00x"],
      ["longer name", "12 ms", null],
    ],
  );
  const lines = text.split("\n");

  it("is a markdown table with a header rule", () => {
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^\|-+\|-+:\|-+:\|$/);
  });

  it("pads every row to the same width and right-aligns numbers", () => {
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[2]).toContain("| a           |");
    expect(lines[2]).toContain("| 1.5 ms |");
    expect(lines[3]).toContain("|  12 ms |");
  });

  it("shows a missing value as a dash", () => {
    expect(lines[3]).toMatch(/\|\s+–\s\|$/);
  });
});

describe("number formats", () => {
  it("separates thousands and trims decimals of large numbers", () => {
    expect(fmtNumber(123456.7)).toBe("123,457");
    expect(fmtNumber(1.23456)).toBe("1.23");
  });
  it("prints ratios with two decimals", () => {
    expect(fmtRatio(1.149)).toBe("1.15x");
    expect(fmtRatio(null)).toBe("–");
  });
  it("uses SI units for bytes, as size-limit does", () => {
    expect(fmtBytes(999)).toBe("999 B");
    expect(fmtBytes(5888)).toBe("5.89 kB");
    expect(fmtBytes(1_523_768)).toBe("1.52 MB");
  });
  it("picks a unit for durations given in ms", () => {
    expect(fmtDuration(0.0005)).toBe("500 ns");
    expect(fmtDuration(0.04593)).toBe("45.93 µs");
    expect(fmtDuration(5.19)).toBe("5.19 ms");
    expect(fmtDuration(14_900)).toBe("14.9 s");
  });
});
