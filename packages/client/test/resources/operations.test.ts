// The method set follows the spec: every operation the spec declares has a client method.
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../../src/generated/api.gen.js";
import { OPERATION_METHODS } from "../../src/resources/operations.js";
import { client, fakeFetch, json } from "../helpers.js";

/** The spec operations without a client method, each with what to add. */
export function missingMethods(operations: Record<string, string>): string[] {
  const c = client(fakeFetch(json(200, {})).fetch) as unknown as Record<string, unknown>;
  return Object.entries(operations).flatMap(([id, route]) => {
    const method = (OPERATION_METHODS as Record<string, string>)[id];
    return method && typeof c[method] === "function"
      ? []
      : [
          `the spec's ${id} (${route}) has no client method: add one to UserExtraClient and to OPERATION_METHODS`,
        ];
  });
}

describe("operations", () => {
  it("every operation of the spec has a client method", () => {
    expect(missingMethods(OPERATIONS)).toEqual([]);
  });

  it("no client method is mapped to an operation the spec no longer has", () => {
    expect(Object.keys(OPERATION_METHODS).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });
});
