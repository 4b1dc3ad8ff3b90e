/**
 * Matchers for a record, a page and each error body, chosen per field from the spec (see
 * src/generated/spec.gen.ts): an integer field by type, a date by its format, an enum by a
 * regex of its values, and so on. Only the fields a test names are matched, so a provider may
 * add or change any other field without breaking the team's pact. A value given as a Pact
 * matcher (for example `exactly("Porto")`) is kept as is.
 */
import { MatchersV3 } from "@pact-foundation/pact";
import {
  ERROR_DETAIL_FIELDS,
  PAGE_FIELDS,
  RECORD_FIELDS,
  VALIDATION_MESSAGES,
} from "../generated/spec.gen.js";
import type { FieldSpec } from "./field-spec.js";

const { boolean, decimal, eachLike, equal, integer, like, regex, string } = MatchersV3;

/** The value itself is the contract (not only its type): a kept field, a filter's value. */
export const exactly = equal;

const DATE = "^\\d{4}-\\d{2}-\\d{2}$";
const escapeRegex = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function isMatcher(value: unknown): boolean {
  return typeof value === "object" && value !== null && "pact:matcher:type" in value;
}

/** The matcher for one value of a field the spec describes; throws naming what is wrong. */
export function matchField(where: string, name: string, spec: FieldSpec, value: unknown): unknown {
  if (isMatcher(value)) return value;
  const wrong = (expected: string) =>
    new Error(`${where}.${name}: ${JSON.stringify(value)} is not ${expected}, as the spec has it`);
  if (value === null) {
    if (!spec.nullable) throw wrong("allowed (the field is not nullable)");
    // Pact has no "null or a value" matcher: a null expected is the value null.
    return null;
  }
  if (spec.enum && spec.enum.length > 0) {
    if (!spec.enum.includes(value)) throw wrong(`one of ${spec.enum.join(", ")}`);
    return regex(`^(${spec.enum.map((v) => escapeRegex(String(v))).join("|")})$`, String(value));
  }
  switch (spec.type) {
    case "integer":
      if (!Number.isInteger(value)) throw wrong("an integer");
      return integer(value as number);
    case "number":
      if (typeof value !== "number") throw wrong("a number");
      return decimal(value);
    case "boolean":
      if (typeof value !== "boolean") throw wrong("a boolean");
      return boolean(value);
    case "string":
      if (typeof value !== "string") throw wrong("a string");
      if (spec.format === "date") {
        if (!new RegExp(DATE).test(value)) throw wrong("a date (YYYY-MM-DD)");
        return regex(DATE, value);
      }
      return string(value);
    case "array":
      if (!Array.isArray(value) || value.length === 0) throw wrong("a non-empty array");
      return eachLike(
        matchField(where, `${name}[]`, spec.items ?? { type: "any", nullable: true }, value[0]),
      );
    default:
      return like(value);
  }
}

function matchObject(
  where: string,
  fields: Record<string, FieldSpec>,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const spec = fields[name];
    if (!spec) {
      throw new Error(
        `${where}.${name}: the spec defines no such field; expected one of ${Object.keys(fields).join(", ")}`,
      );
    }
    out[name] = matchField(where, name, spec, value);
  }
  return out;
}

/** A record with the fields the test reads, each matched as the spec types it. */
export function record(fields: Record<string, unknown>): Record<string, unknown> {
  return matchObject("record", RECORD_FIELDS, fields);
}

/**
 * A page: the page's fields the test reads (`count`, `next`...) and `results`, each like the
 * given record (at least `min` of them, default 1).
 */
export function page(
  fields: Record<string, unknown> & { results?: Record<string, unknown> },
  options: { min?: number } = {},
): Record<string, unknown> {
  const { results, ...rest } = fields;
  const out = matchObject("page", PAGE_FIELDS, rest);
  if (results !== undefined) out.results = eachLike(results, options.min ?? 1);
  return out;
}

/** A 401, 403 or 404 body: `detail`, with the provider's wording. */
export function errorDetail(example = "An explanation."): Record<string, unknown> {
  return matchObject("error", ERROR_DETAIL_FIELDS, { detail: example });
}

/** A 400 body: each named field maps to its messages, worded as the provider likes. */
export function validationErrors(...fieldNames: string[]): Record<string, unknown> {
  if (fieldNames.length === 0) throw new Error("validationErrors: name at least one field");
  return Object.fromEntries(
    fieldNames.map((name) => [
      name,
      matchField("validation errors", name, VALIDATION_MESSAGES, ["Invalid value."]),
    ]),
  );
}
