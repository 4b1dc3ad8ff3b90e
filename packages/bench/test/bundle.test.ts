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

describe("the hey-api peer", () => {
  it("is generated from the spec (the generate task) with one SDK function per operation", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { createRequire } = await import("node:module");
    const { HEY_API_DIR } = await import("../src/bundle.js");
    const sdk = readFileSync(join(HEY_API_DIR, "sdk.gen.ts"), "utf8");
    // The bundled spec, as @user-extra/types ships it.
    const spec = createRequire(import.meta.url)("@user-extra/types/openapi.json") as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const ids = Object.values(spec.paths).flatMap((item) =>
      Object.values(item).flatMap((op) => (op?.operationId ? [op.operationId] : [])),
    );
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(sdk).toContain(`export const ${id} =`);
  });
});
