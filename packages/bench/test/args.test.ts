import { describe, expect, it } from "vitest";
import { parseBenchArgs, SECTIONS, UsageError } from "../src/args.js";

describe("parseBenchArgs", () => {
  it("runs every section, full length, by default", () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      sections: [...SECTIONS],
      out: undefined,
      help: false,
    });
  });

  it("accepts the `--` pnpm passes through", () => {
    expect(parseBenchArgs(["--", "--quick"]).quick).toBe(true);
  });

  it("keeps the sections' own order whatever the order of --only", () => {
    expect(parseBenchArgs(["--only", "bundle,overhead"]).sections).toEqual(["overhead", "bundle"]);
  });

  it("leaves out --skip sections", () => {
    const kept = SECTIONS.filter((s) => s !== "contract" && s !== "throughput");
    expect(kept.length).toBe(SECTIONS.length - 2);
    expect(parseBenchArgs(["--skip", "contract,throughput"]).sections).toEqual(kept);
  });

  it("names an unknown section and lists the known ones", () => {
    expect(() => parseBenchArgs(["--only", "overhead,speed"])).toThrow(UsageError);
    expect(() => parseBenchArgs(["--only", "overhead,speed"])).toThrow(
      /--only: "speed" is not a section; expected some of overhead, pagination/,
    );
  });

  it("refuses a selection that leaves nothing to run", () => {
    expect(() => parseBenchArgs(["--only", "bundle", "--skip", "bundle"])).toThrow(
      /no section to run/,
    );
  });

  it("refuses unknown flags and an empty --out", () => {
    expect(() => parseBenchArgs(["--fast"])).toThrow(UsageError);
    expect(() => parseBenchArgs(["--out", " "])).toThrow(/--out: empty/);
  });
});
