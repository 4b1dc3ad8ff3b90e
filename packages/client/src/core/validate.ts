// Client-side checks run before any request, so that bad input fails fast with a message
// naming the field, what is wrong with the value, and what was expected.
import { InvalidInputError } from "./errors.js";

const show = (v: unknown) =>
  typeof v === "string" ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v);

export function fail(field: string, value: unknown, expected: string): never {
  throw new InvalidInputError(field, `Invalid ${field}: ${show(value)} is not ${expected}`);
}

/**
 * An integer; positive when `min` is 1 (ids), at least 0 when `min` is 0. Only safe
 * integers pass: beyond 2^53 - 1 a JavaScript number no longer holds the integer meant.
 * `undefined` and `null` (not sent) pass.
 */
export function checkInt(field: string, value: unknown, min?: 0 | 1) {
  if (value == null) return;
  if (!Number.isSafeInteger(value) || (min !== undefined && (value as number) < min)) {
    fail(field, value, min ? "a positive integer" : min === 0 ? "an integer >= 0" : "an integer");
  }
}

/** A path id or create's parent: required, a positive integer. */
export function checkId(id: unknown, field = "id") {
  if (id == null) fail(field, id, "a positive integer (required)");
  checkInt(field, id, 1);
}

/** A real calendar date in YYYY-MM-DD (2023-02-30 is refused). */
const isDate = (s: unknown) => {
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

const GENDERS = [null, "m", "f", "o"];

/**
 * What the spec states of a POST, PUT or PATCH body and the client can check without the
 * server: nothing more (the reference sets no length or range, so none is checked here).
 */
export function checkBody(body: unknown, create = false) {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    fail("body", body, "an object");
  }
  const b = body as Record<string, unknown>;
  if (create) checkId(b.parent, "parent");
  if (b.gender !== undefined && !GENDERS.includes(b.gender as string)) {
    fail("gender", b.gender, `one of "m", "f", "o" or null`);
  }
  if (b.birthday != null && !isDate(b.birthday)) {
    fail("birthday", b.birthday, "a real date in YYYY-MM-DD format");
  }
  checkInt("age", b.age);
}
