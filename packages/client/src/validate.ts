// @user-extra/client/validate: opt-in validation of every 2xx body against the spec's
// response schema, in its own entry point so that the core stays small.
//
//   import { validateResponses } from "@user-extra/client/validate";
//   createUserExtraClient({ token, validateResponses });
import { RESPONSES } from "./generated/responses.gen.js";

/** A response schema as the generator reduces it (see scripts/generate.mjs). */
export interface Shape {
  t?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  n?: 1;
  e?: readonly unknown[];
  f?: "date";
  min?: number;
  max?: number;
  /** Required properties. */
  r?: readonly string[];
  /** Properties. */
  p?: Record<string, Shape>;
  /** Array items. */
  i?: Shape;
}

const typeOf = (v: unknown) =>
  Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : v === null ? "null" : typeof v;

/** The first place where `v` departs from `s`, as "path: what is wrong", or undefined. */
function problem(v: unknown, s: Shape, at: string): string | undefined {
  if (v === null) return s.n || !s.t ? undefined : `${at}: null is not allowed`;
  const t = typeOf(v);
  if (s.t && s.t !== t && !(s.t === "number" && t === "integer")) {
    return `${at}: ${JSON.stringify(v)?.slice(0, 40)} is not ${s.t === "integer" || s.t === "object" || s.t === "array" ? "an" : "a"} ${s.t}`;
  }
  if (s.e && !s.e.includes(v))
    return `${at}: ${JSON.stringify(v)} is not one of ${s.e.map((x) => JSON.stringify(x)).join(", ")}`;
  if (s.f === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(v as string))
    return `${at}: ${JSON.stringify(v)} is not a YYYY-MM-DD date`;
  if ((v as number) < (s.min as number) || (v as number) > (s.max as number)) {
    return `${at}: ${v} is out of range`;
  }
  if (t === "array" && s.i) {
    for (const [k, x] of (v as unknown[]).entries()) {
      const p = problem(x, s.i, `${at}[${k}]`);
      if (p) return p;
    }
  }
  if (t === "object") {
    const o = v as Record<string, unknown>;
    for (const k of s.r ?? []) if (!(k in o)) return `${at}.${k}: missing`;
    for (const [k, ps] of Object.entries(s.p ?? {})) {
      const p = k in o ? problem(o[k], ps, `${at}.${k}`) : undefined;
      if (p) return p;
    }
  }
  return undefined;
}

/**
 * Checks a 2xx JSON body against the spec's schema for the operation; returns the first
 * problem (the SDK then throws APIResponseValidationError), or undefined when it conforms.
 */
export function validateResponses(operationId: string, body: unknown): string | undefined {
  const s = RESPONSES[operationId];
  return s && problem(body, s, "body");
}
