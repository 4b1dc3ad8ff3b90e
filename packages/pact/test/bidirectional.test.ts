import { describe, expect, it } from "vitest";
import {
  bundledSpecFile,
  checkBidirectional,
  formatBidirectional,
  readSpec,
  withServerPathInPaths,
} from "../src/check";

const SPEC_FILE = new URL("../../../openapi/user-extra.yaml", import.meta.url).pathname;

const fixture = (name: string) => new URL(`fixtures/${name}`, import.meta.url).pathname;

describe("the bi-directional check", () => {
  it("passes a pact whose requests and responses the spec allows", async () => {
    const result = await checkBidirectional({
      specFile: SPEC_FILE,
      pactFile: fixture("complete.pact.json"),
    });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("fails a pact whose response or request breaks the spec, with the validator's explanation", async () => {
    const result = await checkBidirectional({
      specFile: SPEC_FILE,
      pactFile: fixture("broken.pact.json"),
    });
    expect(result.ok).toBe(false);
    const found = result.errors.map((e) => [
      e.code,
      e.mockDetails?.interactionDescription,
      e.mockDetails?.location,
    ]);
    expect(found).toEqual([
      [
        "response.body.incompatible",
        "a request for user extra 1 whose response breaks the spec",
        "[root].interactions[0].response.body.gender",
      ],
      [
        "request.body.incompatible",
        "a creation whose request breaks the spec",
        "[root].interactions[1].request.body.parent",
      ],
    ]);
    const text = formatBidirectional(result);
    expect(text).toContain("not compatible with the spec (2 error(s))");
    expect(text).toContain("must be equal to one of the allowed values");
    // Findings point at the spec as written (paths relative to the server), not the derived copy.
    expect(text).toContain("in the spec at: [root].paths./user_extra/{id}/.get.responses.200");
    expect(text).toContain(SPEC_FILE);
  });

  it("moves the server's path onto every path, for a validator that ignores `servers`", () => {
    const derived = withServerPathInPaths(readSpec(SPEC_FILE));
    expect(Object.keys(derived.paths)).toEqual(["/api/v1/user_extra/", "/api/v1/user_extra/{id}/"]);
    expect(derived.servers).toEqual([{ url: "/" }]);
  });
});

describe("the default spec", () => {
  it("is the document @user-extra/types bundles, with the repository spec's paths", () => {
    expect(Object.keys(readSpec(bundledSpecFile()).paths)).toEqual(
      Object.keys(readSpec(SPEC_FILE).paths),
    );
  });
});
