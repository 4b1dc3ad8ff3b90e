import { type SchemaShape, shapeOf } from "./schema-shape.js";
import type { JsonObject } from "./spec-document.js";
import type { Difference, Severity } from "./types.js";

/**
 * Which side of the wire a schema is on. A request schema is what a consumer sends: it must
 * not accept less. A response schema is what a consumer reads: it must not promise less.
 */
export type Direction = "request" | "response";

export interface SchemaDiffContext {
  base: JsonObject;
  head: JsonObject;
  direction: Direction;
  /** `POST /user_extra/|request`: ties these differences to openapi-diff's body verdicts. */
  scope: string;
  /** `POST /user_extra/ request body`, `GET /user_extra/ query parameter \`limit\`` */
  place: string;
  emit: (difference: Difference) => void;
}

const UPPER_BOUNDS = ["maxLength", "maximum", "maxItems", "maxProperties"];
const LOWER_BOUNDS = ["minLength", "minimum", "minItems", "minProperties"];
const FLAGS = ["exclusiveMaximum", "exclusiveMinimum", "uniqueItems"];

/** Compares two schemas of the same place and emits every difference a consumer can notice. */
export function diffSchema(ctx: SchemaDiffContext, base: unknown, head: unknown): void {
  walk(ctx, base, head, "", undefined, []);
}

function walk(
  ctx: SchemaDiffContext,
  baseRaw: unknown,
  headRaw: unknown,
  path: string,
  owner: string | undefined,
  ancestors: Array<[SchemaShape, SchemaShape]>,
): void {
  const b = shapeOf(ctx.base, baseRaw);
  const h = shapeOf(ctx.head, headRaw);
  // A recursive schema would recurse forever: stop when this pair is already being compared.
  if (ancestors.some(([x, y]) => sameShape(x, b) && sameShape(y, h))) return;
  const trail: Array<[SchemaShape, SchemaShape]> = [...ancestors, [b, h]];
  const subject = describe(path, h.component ?? b.component ?? owner);
  const out = emitter(ctx, path);

  compareTypes(ctx, b, h, subject, out);
  compareNullable(ctx, b, h, subject, out);
  compareEnums(ctx, b, h, subject, out);
  compareLimits(ctx, b, h, subject, out);
  compareProperties(ctx, b, h, path, trail);
  compareAdditionalProperties(ctx, b, h, path, subject, trail, out);
  if (b.items !== undefined && h.items !== undefined) {
    walk(ctx, b.items, h.items, `${path}[]`, h.component ?? owner, trail);
  }
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const before = b[keyword];
    const after = h[keyword];
    if (before === undefined && after === undefined) continue;
    if (before && after && before.length === after.length) {
      before.forEach((member, i) => {
        walk(ctx, member, after[i], path, h.component ?? owner, trail);
      });
    } else {
      out(
        "unclassified",
        `${ctx.direction}.${keyword}.changed`,
        `${subject}: ${keyword} alternatives changed (${before?.length ?? 0} -> ${after?.length ?? 0})`,
        "no rule judges a change of alternatives: decide by hand",
      );
    }
  }
}

/** Shapes are rebuilt on every visit; the raw property maps identify the schema they came from. */
function sameShape(a: SchemaShape, b: SchemaShape): boolean {
  return a.component !== undefined && a.component === b.component;
}

type Out = (severity: Severity, code: string, what: string, why: string) => void;

function emitter(ctx: SchemaDiffContext, path: string): Out {
  const where = path ? `${ctx.place} \`${path}\`` : ctx.place;
  return (severity, code, what, why) =>
    ctx.emit({ severity, code, what, where, why, source: "rule", scope: ctx.scope });
}

/** `\`gender\` (schema Gender)`; the body itself when the path is empty. */
function describe(path: string, component: string | undefined): string {
  const field = path
    .replace(/\[\]$/, "")
    .split(/[.[\]]+/)
    .filter(Boolean)
    .pop();
  const name = field ? `\`${field}\`` : "the body";
  return component ? `${name} (schema ${component})` : name;
}

/** Severity of a change that makes the schema accept less (`narrower`) or more. */
function scopeSeverity(direction: Direction, narrower: boolean): Severity {
  if (direction === "request") return narrower ? "breaking" : "non-breaking";
  return narrower ? "non-breaking" : "breaking";
}

const WHY = {
  requestNarrower: "requests that were valid are now rejected",
  requestWider: "every request that was valid stays valid",
  responseNarrower: "responses stay within what consumers already handle",
  responseWider: "responses may now carry values that consumers do not expect",
};

function scopeWhy(direction: Direction, narrower: boolean): string {
  if (direction === "request") return narrower ? WHY.requestNarrower : WHY.requestWider;
  return narrower ? WHY.responseNarrower : WHY.responseWider;
}

function accepts(types: string[], type: string): boolean {
  return types.includes(type) || (type === "integer" && types.includes("number"));
}

function compareTypes(
  ctx: SchemaDiffContext,
  b: SchemaShape,
  h: SchemaShape,
  subject: string,
  out: Out,
) {
  const before = b.types;
  const after = h.types;
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  // An absent type accepts anything.
  const widened = after === undefined || (before?.every((t) => accepts(after, t)) ?? false);
  const narrowed = before === undefined || (after?.every((t) => accepts(before, t)) ?? false);
  const show = (t: string[] | undefined) => (t ? t.join("|") : "any");
  const what = `${subject}: type changed from ${show(before)} to ${show(after)}`;
  if (widened || narrowed) {
    out(
      scopeSeverity(ctx.direction, !widened),
      `${ctx.direction}.type.changed`,
      what,
      scopeWhy(ctx.direction, !widened),
    );
  } else {
    out(
      "breaking",
      `${ctx.direction}.type.changed`,
      what,
      "values of the old type are no longer valid",
    );
  }
}

function compareNullable(
  ctx: SchemaDiffContext,
  b: SchemaShape,
  h: SchemaShape,
  subject: string,
  out: Out,
) {
  if (b.nullable === h.nullable) return;
  const narrower = b.nullable && !h.nullable;
  const what = `${subject}: ${narrower ? "no longer nullable" : "now nullable"}`;
  out(
    scopeSeverity(ctx.direction, narrower),
    `${ctx.direction}.nullable.${narrower ? "removed" : "added"}`,
    what,
    scopeWhy(ctx.direction, narrower),
  );
}

function compareEnums(
  ctx: SchemaDiffContext,
  b: SchemaShape,
  h: SchemaShape,
  subject: string,
  out: Out,
) {
  const before = b.enumValues;
  const after = h.enumValues;
  if (before === undefined && after === undefined) return;
  const dir = ctx.direction;
  if (before === undefined || after === undefined) {
    const narrower = after !== undefined;
    const what = `${subject}: ${narrower ? `now restricted to ${list(after ?? [])}` : "no longer restricted to a list of values"}`;
    out(
      scopeSeverity(dir, narrower),
      `${dir}.enum.${narrower ? "added" : "removed"}`,
      what,
      scopeWhy(dir, narrower),
    );
    return;
  }
  const key = (v: unknown) => JSON.stringify(v);
  const removed = before.filter((v) => !after.some((w) => key(w) === key(v)));
  const added = after.filter((v) => !before.some((w) => key(w) === key(v)));
  if (removed.length > 0) {
    // Breaking on both sides: a request may send it, and in a response the generated union type
    // loses a member, so consumer code that compares with it stops compiling.
    const why =
      dir === "request"
        ? "requests that send it are now rejected, and the generated type no longer allows it"
        : "the generated type loses it: consumer code that handles it stops compiling";
    out(
      "breaking",
      `${dir}.enum.value-removed`,
      `${subject}: enum value ${list(removed)} removed`,
      why,
    );
  }
  if (added.length > 0) {
    const why =
      dir === "request"
        ? "every request that was valid stays valid"
        : "consumers that handle every known value (exhaustive switches) meet one they do not know";
    out(
      dir === "request" ? "non-breaking" : "breaking",
      `${dir}.enum.value-added`,
      `${subject}: enum value ${list(added)} added`,
      why,
    );
  }
}

function list(values: unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

function compareLimits(
  ctx: SchemaDiffContext,
  b: SchemaShape,
  h: SchemaShape,
  subject: string,
  out: Out,
) {
  const dir = ctx.direction;
  const keys = new Set([...Object.keys(b.limits), ...Object.keys(h.limits)]);
  for (const keyword of keys) {
    const before = b.limits[keyword];
    const after = h.limits[keyword];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const what = `${subject}: ${keyword} ${show(before)} -> ${show(after)}`;
    let narrower: boolean | undefined;
    if (UPPER_BOUNDS.includes(keyword)) {
      narrower = typeof after === "number" && (typeof before !== "number" || after < before);
    } else if (LOWER_BOUNDS.includes(keyword)) {
      narrower = typeof after === "number" && (typeof before !== "number" || after > before);
    } else if (FLAGS.includes(keyword)) {
      narrower = after === true;
    } else if (before === undefined || after === undefined) {
      // pattern, format, multipleOf: adding one restricts, removing one relaxes.
      narrower = before === undefined;
    }
    if (narrower === undefined) {
      out(
        "breaking",
        `${dir}.${keyword}.changed`,
        what,
        "a different rule: values valid before may be invalid now",
      );
    } else {
      out(
        scopeSeverity(dir, narrower),
        `${dir}.${keyword}.${narrower ? "tightened" : "relaxed"}`,
        what,
        scopeWhy(dir, narrower),
      );
    }
  }
}

function show(value: unknown): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}

function compareProperties(
  ctx: SchemaDiffContext,
  b: SchemaShape,
  h: SchemaShape,
  path: string,
  trail: Array<[SchemaShape, SchemaShape]>,
) {
  const dir = ctx.direction;
  const visible = (doc: JsonObject, raw: unknown) => {
    const shape = shapeOf(doc, raw);
    // readOnly fields are never sent, writeOnly fields are never returned.
    return dir === "request" ? !shape.readOnly : !shape.writeOnly;
  };
  const names = new Set([...Object.keys(b.properties), ...Object.keys(h.properties)]);
  for (const name of names) {
    const childPath = path ? `${path}.${name}` : name;
    const rawBefore = b.properties[name];
    const rawAfter = h.properties[name];
    const inBase = rawBefore !== undefined && visible(ctx.base, rawBefore);
    const inHead = rawAfter !== undefined && visible(ctx.head, rawAfter);
    const owner = h.propertyOwners[name] ?? b.propertyOwners[name] ?? h.component;
    const field = describe(childPath, owner);
    const childOut = emitter(ctx, childPath);
    if (inBase && !inHead) {
      const why =
        dir === "request"
          ? "the generated request type loses it: code that sets it stops compiling"
          : "consumers that read it get undefined, and the generated type loses it";
      childOut("breaking", `${dir}.property.removed`, `${field}: field removed`, why);
      continue;
    }
    if (!inBase && inHead) {
      const required = h.required.has(name);
      if (dir === "request" && required) {
        childOut(
          "breaking",
          "request.property.added-required",
          `${field}: new required field`,
          "requests without it are now rejected",
        );
      } else {
        const why =
          dir === "request"
            ? "optional: every request that was valid stays valid"
            : "consumers may ignore a field they do not know";
        childOut(
          "non-breaking",
          `${dir}.property.added`,
          `${field}: new ${required ? "" : "optional "}field`,
          why,
        );
      }
      continue;
    }
    if (!inBase || !inHead) continue;
    const wasRequired = b.required.has(name);
    const isRequired = h.required.has(name);
    if (wasRequired !== isRequired) {
      if (dir === "request") {
        childOut(
          isRequired ? "breaking" : "non-breaking",
          `request.property.${isRequired ? "now-required" : "now-optional"}`,
          `${field}: ${isRequired ? "optional -> required" : "required -> optional"}`,
          isRequired
            ? "requests without it are now rejected, and the generated type requires it"
            : WHY.requestWider,
        );
      } else {
        childOut(
          isRequired ? "non-breaking" : "breaking",
          `response.property.${isRequired ? "now-required" : "now-optional"}`,
          `${field}: ${isRequired ? "optional -> required" : "required -> optional"}`,
          isRequired
            ? "consumers may rely on it more, never less"
            : "consumers that rely on it may find it missing",
        );
      }
    }
    walk(ctx, rawBefore, rawAfter, childPath, owner, trail);
  }
}

function compareAdditionalProperties(
  ctx: SchemaDiffContext,
  b: SchemaShape,
  h: SchemaShape,
  path: string,
  subject: string,
  trail: Array<[SchemaShape, SchemaShape]>,
  out: Out,
) {
  const before = b.additionalProperties;
  const after = h.additionalProperties;
  if (before === after) return;
  if (typeof before === "object" && typeof after === "object") {
    walk(ctx, before, after, `${path}.*`, h.component, trail);
    return;
  }
  // false < a schema < true (anything goes).
  const rank = (v: unknown) => (v === false ? 0 : v === true ? 2 : 1);
  if (rank(before) === rank(after)) return;
  const narrower = rank(after) < rank(before);
  const what = `${subject}: additional properties ${narrower ? "restricted" : "allowed"}`;
  out(
    scopeSeverity(ctx.direction, narrower),
    `${ctx.direction}.additionalProperties.${narrower ? "restricted" : "relaxed"}`,
    what,
    scopeWhy(ctx.direction, narrower),
  );
}
