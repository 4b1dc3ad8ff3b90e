// Type-level facts the SDK relies on. If the spec changes one of them, this file stops compiling.
import { describe, expectTypeOf, it } from "vitest";
import {
  type BadRequestBody,
  type DeviceInfo,
  type ErrorDetail,
  type Gender,
  type ListUserExtrasQuery,
  USER_EXTRA_CLEARED_FIELDS,
  type UserExtra,
  type UserExtraCreate,
  type UserExtraPage,
  type UserExtraPatch,
  type UserExtraUpdate,
  type ValidationErrors,
} from "../src/index.js";

describe("generated types", () => {
  it("gender is m | f | o | null", () => {
    expectTypeOf<Gender>().toEqualTypeOf<"m" | "f" | "o" | null>();
    expectTypeOf<UserExtra["gender"]>().toEqualTypeOf<"m" | "f" | "o" | null>();
  });

  it("id is always present; parent may be absent (the reference's write responses omit it)", () => {
    expectTypeOf<UserExtra["id"]>().toEqualTypeOf<number>();
    expectTypeOf<UserExtra["parent"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<{ id: 1 }>().not.toExtend<UserExtra>();
  });

  it("the keys every documented response carries are present; the others may be absent", () => {
    expectTypeOf<UserExtra["birthday"]>().toEqualTypeOf<string | null>();
    expectTypeOf<UserExtra["age"]>().toEqualTypeOf<number | null>();
    expectTypeOf<UserExtra["postal_code"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<UserExtra["custom_field_8"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<UserExtra["accept_terms"]>().toEqualTypeOf<boolean | null>();
  });

  it("device_info is unknown: consumers narrow it", () => {
    expectTypeOf<DeviceInfo>().toEqualTypeOf<unknown>();
    expectTypeOf<UserExtra["device_info"]>().toEqualTypeOf<unknown>();
  });

  it("create requires parent and nothing else", () => {
    expectTypeOf<{ parent: number }>().toExtend<UserExtraCreate>();
    expectTypeOf<{ gender: "f" }>().not.toExtend<UserExtraCreate>();
    expectTypeOf<UserExtraCreate["parent"]>().toEqualTypeOf<number>();
  });

  it("every PATCH and PUT field is optional", () => {
    expectTypeOf<Record<string, never>>().toExtend<UserExtraPatch>();
    expectTypeOf<Record<string, never>>().toExtend<UserExtraUpdate>();
    type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
    expectTypeOf<RequiredKeys<UserExtraPatch>>().toEqualTypeOf<never>();
  });

  it("gender outside m/f/o does not compile", () => {
    // @ts-expect-error "x" is not a gender
    const bad: UserExtraPatch = { gender: "x" };
    expectTypeOf(bad).not.toBeAny();
  });

  it("the page has count, next, previous and typed results", () => {
    expectTypeOf<UserExtraPage["results"]>().toEqualTypeOf<UserExtra[]>();
    expectTypeOf<UserExtraPage["next"]>().toEqualTypeOf<string | null>();
    expectTypeOf<UserExtraPage["count"]>().toEqualTypeOf<number>();
  });

  it("list filters are typed", () => {
    expectTypeOf<ListUserExtrasQuery["limit"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ListUserExtrasQuery["parent__organization_id"]>().toEqualTypeOf<
      number | undefined
    >();
  });

  it("400 bodies are a field-to-messages map or a detail", () => {
    expectTypeOf<ValidationErrors["city"]>().toEqualTypeOf<string[]>();
    expectTypeOf<ValidationErrors["non_field_errors"]>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<BadRequestBody>().toEqualTypeOf<ValidationErrors | ErrorDetail>();
  });

  it("the cleared value of every PUT field is typed by the PUT body", () => {
    expectTypeOf(USER_EXTRA_CLEARED_FIELDS).toExtend<Required<UserExtraUpdate>>();
    expectTypeOf<keyof typeof USER_EXTRA_CLEARED_FIELDS>().toEqualTypeOf<
      keyof Required<UserExtraUpdate>
    >();
  });
});
