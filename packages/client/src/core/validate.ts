// Client-side checks run before any request, so that bad input fails fast with a message
// naming the field, what is wrong with the value, and what was expected.
import { InvalidInputError } from "./errors.js";

const show = (v: unknown) =>
  typeof v === "string" ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v);

function fail(field: string, value: unknown, expected: string): never {
  throw new InvalidInputError(field, `Invalid ${field}: ${show(value)} is not ${expected}`);
}

/** An integer in [min, max]; `undefined` and `null` (not sent) pass. */
export function checkInt(field: string, value: unknown, min = 1, max = Number.MAX_SAFE_INTEGER) {
  if (value == null) return;
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    fail(
      field,
      value,
      max < Number.MAX_SAFE_INTEGER
        ? `an integer from ${min} to ${max}`
        : min === 1
          ? "a positive integer"
          : `an integer >= ${min}`,
    );
  }
}

/** A path id: required, a positive integer. */
export function checkId(id: unknown) {
  if (id == null) fail("id", id, "a positive integer");
  checkInt("id", id);
}

/** A real calendar date in YYYY-MM-DD (2023-02-30 is refused). */
const isDate = (s: unknown) => {
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

const GENDERS = [null, "m", "f", "o"];

/** The fields of a POST, PUT or PATCH body that the client can check without the server. */
export function checkBody(body: unknown, create = false) {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    fail("body", body, "an object");
  }
  const b = body as Record<string, unknown>;
  if (create) {
    if (b.parent == null) fail("parent", b.parent, "a positive integer (required to create)");
    checkInt("parent", b.parent);
  }
  if (b.gender !== undefined && !GENDERS.includes(b.gender as string)) {
    fail("gender", b.gender, `one of "m", "f", "o" or null`);
  }
  if (b.birthday != null && !isDate(b.birthday)) {
    fail("birthday", b.birthday, "a real date in YYYY-MM-DD format");
  }
  checkInt("age", b.age, 0, 150);
}
