// @user-extra/client/validate: opt-in full validation of 2xx bodies against the spec.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { APIResponseValidationError } from "../src/index.js";
import { validateResponses } from "../src/validate.js";
import { client, fakeFetch, json, record, settle } from "./helpers.js";

const require = createRequire(import.meta.url);
const spec = require("@user-extra/types/openapi.json") as {
  components: {
    schemas: { Gender: { enum: (string | null)[] }; UserExtra: { required: string[] } };
  };
};
// A gender the spec does not list, whatever it lists.
const badGender = `not-${spec.components.schemas.Gender.enum.join("")}`;
const page = (results: unknown[]) => ({
  count: results.length,
  next: null,
  previous: null,
  results,
});

describe("validateResponses", () => {
  it("off (the default): only what the method relies on is checked", async () => {
    const { fetch } = fakeFetch(json(200, { ...record(7), gender: badGender }));
    expect(await client(fetch).get(7)).toHaveProperty("gender", badGender);
  });

  it("on: a value outside the spec's enum is an APIResponseValidationError naming the path", async () => {
    const { fetch } = fakeFetch(json(200, { ...record(7), gender: badGender }));
    const err = (await settle(client(fetch, { validateResponses }).get(7))) as Error;
    expect(err).toBeInstanceOf(APIResponseValidationError);
    expect(err.message).toContain(`body.gender: "${badGender}" is not one of`);
  });

  it.each(spec.components.schemas.UserExtra.required)(
    "on: a record in a page without its required %s is refused",
    async (key) => {
      const { [key as "id"]: _, ...rest } = record(7);
      const { fetch } = fakeFetch(json(200, page([record(1), rest])));
      const err = (await settle(client(fetch, { validateResponses }).list())) as Error;
      expect(err).toBeInstanceOf(APIResponseValidationError);
      expect(err.message).toContain(`body.results[1].${key}: missing`);
    },
  );

  it("on: bodies as the spec allows them pass, nulls and absent optional keys included", async () => {
    const { postal_code: _, ...withoutOptional } = record(7, { gender: null, age: 30 });
    const { fetch } = fakeFetch(json(200, withoutOptional), json(200, page([record(1)])));
    const c = client(fetch, { validateResponses });
    expect(await c.get(7)).toEqual(withoutOptional);
    expect((await c.list()).results).toHaveLength(1);
  });

  it("a wrong type deep in a record is named with its path", () => {
    expect(
      validateResponses("listUserExtras", page([record(1, { age: "30" as unknown as number })])),
    ).toBe('body.results[0].age: "30" is not an integer');
    expect(validateResponses("getUserExtra", record(1))).toBeUndefined();
  });
});
