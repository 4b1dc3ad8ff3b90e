import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

describe("bundled spec shipped in dist", () => {
  it("dist/openapi.json is the spec, as JSON", () => {
    const shipped = JSON.parse(
      readFileSync(new URL("../dist/openapi.json", import.meta.url), "utf8"),
    );
    const source = parse(
      readFileSync(new URL("../../../openapi/user-extra.yaml", import.meta.url), "utf8"),
    );
    expect(shipped).toEqual(source);
  });
});
