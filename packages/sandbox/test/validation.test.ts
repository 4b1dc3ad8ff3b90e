import { describe, expect, it } from "vitest";
import { loadBundledSpec } from "../src/spec.js";
import { compileValidators } from "../src/validation.js";

const spec = loadBundledSpec();
const validators = compileValidators(spec);
const create = validators.get("createUserExtra")?.body;
const patch = validators.get("partialUpdateUserExtra")?.body;
const listQuery = validators.get("listUserExtras")?.query;
const path = validators.get("getUserExtra")?.path;
if (!create || !patch || !listQuery || !path) throw new Error("validators missing");

describe("body validation compiled from the spec", () => {
  it("accepts the spec's own example request", () => {
    // Read from the spec, not copied: the example the spec shows must pass its own validation.
    const post = spec.paths["/user_extra/"]?.post as {
      requestBody: { content: Record<string, { examples: Record<string, { value: object }> }> };
    };
    const body = post.requestBody.content["application/json"]?.examples.onboarding?.value;
    expect(create(body)).toEqual({ ok: true, value: body });
  });

  it("uses the spec's message for an invalid gender", () => {
    expect(create({ parent: 1, gender: "x" })).toEqual({
      ok: false,
      errors: { gender: ['"x" is not a valid choice.'] },
    });
  });

  it("allows null where the spec says nullable, including the gender enum", () => {
    expect(patch({ gender: null, age: null, birthday: null, event: null }).ok).toBe(true);
    expect(patch({ accept_terms: null })).toEqual({
      ok: false,
      errors: { accept_terms: ["This field may not be null."] },
    });
  });

  it.each([
    ["2023-02-30", '"2023-02-30" is not a valid calendar date. Use YYYY-MM-DD.'],
    ["2023-13-01", '"2023-13-01" is not a valid calendar date. Use YYYY-MM-DD.'],
    ["1995/06/15", "Date has wrong format. Use YYYY-MM-DD."],
    ["15-06-1995", "Date has wrong format. Use YYYY-MM-DD."],
  ])("rejects the date %s", (birthday, message) => {
    expect(patch({ birthday })).toEqual({ ok: false, errors: { birthday: [message] } });
  });

  it("accepts leap days that exist", () => {
    expect(patch({ birthday: "2024-02-29" }).ok).toBe(true);
    expect(patch({ birthday: "2023-02-29" }).ok).toBe(false);
  });

  it("sets no maximum length (the reference states none)", () => {
    expect(patch({ custom_field_8: "x".repeat(10_000) }).ok).toBe(true);
  });

  it("reports only the type error for a field of the wrong type", () => {
    expect(patch({ birthday: 19950615 })).toEqual({
      ok: false,
      errors: { birthday: ["Not a valid string: expected text, got int."] },
    });
  });

  it("takes any integer age (the reference states no range), and only integers", () => {
    for (const age of [-1, 0, 151, 100_000]) expect(patch({ age }).ok, String(age)).toBe(true);
    expect(patch({ age: 2.5 })).toEqual({
      ok: false,
      errors: { age: ['A valid integer is required, got "2.5".'] },
    });
  });

  it("requires parent on create, a positive integer", () => {
    expect(create({})).toEqual({ ok: false, errors: { parent: ["This field is required."] } });
    expect(create({ parent: 0 })).toEqual({
      ok: false,
      errors: { parent: ["Ensure this value is greater than or equal to 1."] },
    });
  });

  it("reports a body that is not an object under non_field_errors", () => {
    expect(patch("hello")).toEqual({
      ok: false,
      errors: { non_field_errors: ["Invalid data. Expected a dictionary, but got str."] },
    });
    expect(patch(null)).toEqual({
      ok: false,
      errors: { non_field_errors: ["Invalid data. Expected a dictionary, but got null."] },
    });
  });

  it("does not modify the input it validates", () => {
    const body = { gender: "f" };
    patch(body);
    expect(body).toEqual({ gender: "f" });
  });
});

describe("parameter validation compiled from the spec", () => {
  it("coerces query text to the declared types and fills the spec's defaults", () => {
    expect(listQuery({ limit: "50", parent: "45", device_info: "true" })).toEqual({
      ok: true,
      value: { limit: 50, parent: 45, device_info: true, offset: 0 },
    });
  });

  it("declares no bounds on limit (LimitOffsetPagination falls back or clamps instead)", () => {
    for (const limit of ["0", "1001", "-5"]) expect(listQuery({ limit }).ok, limit).toBe(true);
  });

  it("refuses a repeated parameter rather than guessing", () => {
    expect(listQuery({ limit: ["1", "2"] }).ok).toBe(false);
  });

  it("validates the path id", () => {
    expect(path({ id: "7" })).toEqual({ ok: true, value: { id: 7 } });
    expect(path({ id: "seven" }).ok).toBe(false);
  });
});
