import { describe, expect, it } from "vitest";
import { pairSizes } from "../src/bundle.js";

describe("pairSizes", () => {
  it("pairs each bundle's minified and gzipped entries into one row, in config order", () => {
    const rows = pairSizes([
      { name: "client · min+gzip", size: 5888 },
      { name: "client · min", size: 14439 },
      { name: "openapi-fetch · min", size: 6537 },
      { name: "openapi-fetch · min+gzip", size: 2557 },
    ]);
    expect(rows).toEqual([
      { name: "client", minifiedBytes: 14439, gzippedBytes: 5888 },
      { name: "openapi-fetch", minifiedBytes: 6537, gzippedBytes: 2557 },
    ]);
  });

  it("names an entry whose name says neither min nor min+gzip", () => {
    expect(() => pairSizes([{ name: "client", size: 1 }])).toThrow(
      /"client": expected a name ending in/,
    );
  });

  it("names a bundle that lacks its twin entry", () => {
    expect(() => pairSizes([{ name: "client · min", size: 1 }])).toThrow(/"client": needs both/);
  });

  it("refuses an entry without a size (a failed check)", () => {
    expect(() => pairSizes([{ name: "client · min" }])).toThrow(/no size/);
  });
});
