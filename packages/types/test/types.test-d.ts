// Type-level facts the SDK relies on. If the spec changes one of them, this file stops compiling.
import { describe, expectTypeOf, it } from "vitest";
import type {
  Gender,
  ListUserExtrasQuery,
  UserExtra,
  UserExtraCreate,
  UserExtraPage,
  UserExtraPatch,
  UserExtraUpdate,
  ValidationErrors,
} from "../src/index.js";

describe("generated types", () => {
  it("gender is m | f | o | null", () => {
    expectTypeOf<Gender>().toEqualTypeOf<"m" | "f" | "o" | null>();
    expectTypeOf<UserExtra["gender"]>().toEqualTypeOf<"m" | "f" | "o" | null>();
  });

  it("id and parent are numbers, always present", () => {
    expectTypeOf<UserExtra["id"]>().toEqualTypeOf<number>();
    expectTypeOf<UserExtra["parent"]>().toEqualTypeOf<number>();
    expectTypeOf<UserExtra>().toHaveProperty("id");
  });

  it("every record field is present and nullable where the spec says", () => {
    expectTypeOf<UserExtra["birthday"]>().toEqualTypeOf<string | null>();
    expectTypeOf<UserExtra["age"]>().toEqualTypeOf<number | null>();
    expectTypeOf<UserExtra["custom_field_8"]>().toEqualTypeOf<string | null>();
    expectTypeOf<UserExtra["accept_terms"]>().toEqualTypeOf<boolean>();
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

  it("400 bodies map field names to message lists", () => {
    expectTypeOf<ValidationErrors>().toEqualTypeOf<{ [key: string]: string[] }>();
  });
});
