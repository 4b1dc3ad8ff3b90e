import { readFileSync } from "node:fs";
import { MatchersV3 } from "@pact-foundation/pact";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { errorDetail, exactly, page, record, validationErrors } from "../src/index";

// The expectations are read from the spec itself, not from the generated table under test.
const spec = parse(
  readFileSync(new URL("../../../openapi/user-extra.yaml", import.meta.url), "utf8"),
);
const schemas = spec.components.schemas;
const genderEnum: string[] = schemas.Gender.enum;
const type = (m: unknown) => (m as Record<string, unknown>)["pact:matcher:type"];

describe("the matchers generated from the spec", () => {
  it("match only the fields a test names, each as the spec types it", () => {
    const m = record({
      id: 1,
      gender: genderEnum[0],
      birthday: "1990-01-31",
      city: "Porto",
      accept_terms: true,
    });
    expect(Object.keys(m)).toEqual(["id", "gender", "birthday", "city", "accept_terms"]);
    expect(type(m.id)).toBe("integer");
    expect(m.gender).toEqual(
      MatchersV3.regex(`^(${genderEnum.join("|")})$`, genderEnum[0] as string),
    );
    expect(type(m.birthday)).toBe("regex");
    expect(type(m.city)).toBe("type");
    expect(type(m.accept_terms)).toBe("type");
  });

  it("keep a Pact matcher given as a value, and null where the spec allows it", () => {
    expect(record({ city: exactly("Porto") }).city).toEqual(MatchersV3.equal("Porto"));
    expect(schemas.UserExtraProfile.properties.city.nullable).toBe(true);
    expect(record({ city: null }).city).toBeNull();
    expect(() => record({ id: null })).toThrow(
      "record.id: null is not allowed (the field is not nullable)",
    );
  });

  it("refuse a field the spec does not define, or a value of the wrong type, naming it", () => {
    expect(() => record({ nickname: "x" })).toThrow(
      /record\.nickname: the spec defines no such field; expected one of id, /,
    );
    expect(() => record({ id: "1" })).toThrow(
      'record.id: "1" is not an integer, as the spec has it',
    );
    expect(() => record({ gender: "x" })).toThrow(`one of ${genderEnum.join(", ")}`);
    expect(() => record({ birthday: "31/01/1990" })).toThrow("a date (YYYY-MM-DD)");
  });

  it("build a page, the error bodies and a 400's messages per field", () => {
    const p = page({ count: 3, next: null, results: record({ id: 1 }) });
    expect(Object.keys(p)).toEqual(["count", "next", "results"]);
    expect(type(p.count)).toBe("integer");
    expect(type(p.results)).toBe("type");
    expect(() => page({ total: 3 })).toThrow("page.total: the spec defines no such field");
    expect(Object.keys(errorDetail())).toEqual(schemas.ErrorDetail.required);
    const v = validationErrors("gender");
    expect(Object.keys(v)).toEqual(["gender"]);
    expect(type(v.gender)).toBe("type"); // eachLike of a string
  });
});
