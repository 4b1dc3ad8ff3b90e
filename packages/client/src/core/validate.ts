// Client-side checks run before any request, so that bad input fails fast with a message
// naming the field, what is wrong with the value, and what was expected. The rules come from
// the spec (src/generated/checks.gen.ts); this file only reads them.
import { InvalidInputError } from "./errors.js";

/** A spec schema as the generator reduces it: type, nullable, enum, format, bounds. */
export interface Rule {
  t?: "string" | "integer" | "number" | "boolean";
  n?: 1;
  e?: readonly unknown[];
  f?: "date";
  min?: number;
  max?: number;
  minL?: number;
  maxL?: number;
}

const show = (v: unknown) =>
  typeof v === "string" ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v);

export function fail(field: string, value: unknown, expected: string): never {
  throw new InvalidInputError(field, `Invalid ${field}: ${show(value)} is not ${expected}`);
}

/**
 * A safe integer (beyond 2^53 - 1 a JavaScript number no longer holds the integer meant), at
 * least `min`. `undefined` and `null` (not sent) pass. For the SDK's own options.
 */
export function checkInt(field: string, value: unknown, min: number) {
  if (value != null && (!Number.isSafeInteger(value) || (value as number) < min)) {
    fail(field, value, `an integer >= ${min}`);
  }
}

/** A real calendar date in YYYY-MM-DD (2023-02-30 is refused). */
const isDate = (s: string) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(s)
  );
};

/** What a rule asks for, in words. */
function expected(r: Rule): string {
  const b = (k: "min" | "max" | "minL" | "maxL", s: string) =>
    r[k] === undefined ? "" : ` ${s} ${r[k]}`;
  const what = r.e
    ? `one of ${r.e.map((v) => JSON.stringify(v)).join(", ")}`
    : `${r.t === "integer" ? "an" : "a"} ${r.f ? "real date (YYYY-MM-DD)" : (r.t ?? "value")}${b("min", ">=")}${b("max", "<=")}${b("minL", "of length >=")}${b("maxL", "of length <=")}`;
  return r.n ? `${what} or null` : what;
}

/** `undefined` (not sent) passes; `null` only where the spec allows it. */
export function check(field: string, v: unknown, r: Rule) {
  if (v === undefined || (v === null && r.n)) return;
  const n = v as number;
  const s = v as string;
  const ok =
    v !== null &&
    (r.e
      ? r.e.includes(v)
      : (r.t === "integer"
          ? Number.isSafeInteger(v)
          : r.t === "number"
            ? Number.isFinite(v)
            : !r.t || typeof v === r.t) &&
        !(r.f && !isDate(s)) &&
        !(n < (r.min as number) || n > (r.max as number)) &&
        !(s.length < (r.minL as number) || s.length > (r.maxL as number)));
  if (!ok) fail(field, v, expected(r));
}

/** A required value (a path id, create's parent). */
export function required(field: string, v: unknown, r: Rule) {
  if (v == null) fail(field, v, `${expected(r)} (required)`);
  check(field, v, r);
}

/** A request body: an object, its required fields present, each known field as the spec says. */
export function checkBody(
  body: unknown,
  spec: { readonly required: readonly string[]; readonly fields: Record<string, Rule> },
) {
  if (!body || typeof body !== "object" || Array.isArray(body)) fail("body", body, "an object");
  const b = body as Record<string, unknown>;
  for (const k of spec.required) required(k, b[k], spec.fields[k] as Rule);
  // The body's own keys (a PATCH names a few of the 28 fields); a key the spec lacks is let be.
  for (const k in b) if (Object.hasOwn(spec.fields, k)) check(k, b[k], spec.fields[k] as Rule);
}

/** Checks a query's options and maps them to their wire names. */
export function toQuery(
  query: object | undefined,
  filters: Record<string, readonly [string, Rule]>,
) {
  const q = query as Record<string, unknown> | undefined;
  const out: Record<string, unknown> = {};
  for (const k in filters) {
    const [wire, r] = filters[k] as readonly [string, Rule];
    check(k, q?.[k], r);
    out[wire] = q?.[k];
  }
  return out;
}
