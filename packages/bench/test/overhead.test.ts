import { describe, expect, it } from "vitest";
import { PAGE_JSON, PATCH_BODY, RECORD_ID } from "../src/fixtures.js";
import { CONTENDERS, contenders, OPERATIONS, stubFetch } from "../src/overhead.js";

// The benchmark only compares like with like if every contender returns the same data.
describe("contenders", () => {
  for (const operation of OPERATIONS) {
    it(`all return the stubbed body for ${operation}`, async () => {
      const { calls, expected } = contenders(operation);
      for (const name of CONTENDERS) {
        expect(await calls[name](), name).toEqual(expected);
      }
    });
  }

  it("patch results carry the patched fields", async () => {
    const { expected } = contenders("patch");
    expect(expected).toMatchObject({ id: RECORD_ID, ...PATCH_BODY });
  });
});

describe("stubFetch", () => {
  it("answers a fresh Response each time (a body can be read once)", async () => {
    const fetch = stubFetch(PAGE_JSON);
    const a = await fetch("https://example.test/");
    const b = await fetch("https://example.test/");
    expect(a).not.toBe(b);
    expect(await a.text()).toBe(PAGE_JSON);
    expect(await b.text()).toBe(PAGE_JSON);
    expect(a.headers.get("content-type")).toBe("application/json");
  });
});
