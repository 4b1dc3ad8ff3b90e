// fast-check arbitraries generated from the spec's schemas: values a schema accepts, values it
// refuses (with the reason), and the odd texts a query or a path may carry. Types, formats,
// enums, minimums and nullability come from the schema; nothing here lists a field.
import fc from "fast-check";
import type { SchemaObject } from "../../src/spec.js";

export interface ArbitraryOptions {
  /** Text values: "exact" keeps to well-formed Unicode (values that must round-trip unchanged). */
  text: "exact" | "any";
}

const SAFE = Number.MAX_SAFE_INTEGER;
// The spec refuses text with a NUL character (DRF's CharField).
const NUL = "\u0000";

function isoDate(): fc.Arbitrary<string> {
  return fc
    .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z") })
    .filter((d) => !Number.isNaN(d.getTime()))
    .map((d) => d.toISOString().slice(0, 10));
}

function text(options: ArbitraryOptions): fc.Arbitrary<string> {
  const exact = fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 256, maxLength: 400 }) },
  );
  const any =
    options.text === "exact"
      ? exact
      : fc.oneof(exact, fc.string({ unit: "binary", maxLength: 30 }));
  return any.filter((s) => !s.includes(NUL));
}

/** An integer the schema accepts and JavaScript holds exactly. */
function integer(schema: SchemaObject): fc.Arbitrary<number> {
  const min = typeof schema.minimum === "number" ? schema.minimum : -SAFE;
  const max = typeof schema.maximum === "number" ? schema.maximum : SAFE;
  return fc.oneof(
    fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) }),
    fc.integer({ min, max }),
  );
}

/** A value valid against a scalar schema (the properties of the bodies are all scalars). */
export function validValue(schema: SchemaObject, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  let base: fc.Arbitrary<unknown>;
  if (Array.isArray(schema.enum)) base = fc.constantFrom(...schema.enum);
  else if (schema.type === "string" && schema.format === "date") base = isoDate();
  else if (schema.type === "string") base = text(options);
  else if (schema.type === "integer") base = integer(schema);
  else if (schema.type === "number") base = fc.double({ noNaN: true, noDefaultInfinity: true });
  else if (schema.type === "boolean") base = fc.boolean();
  else if (schema.type === undefined) base = fc.jsonValue();
  else throw new Error(`no arbitrary for schema type ${String(schema.type)}`);
  return schema.nullable ? fc.option(base, { nil: null, freq: 5 }) : base;
}

const NOT_A_DATE = fc.oneof(
  fc.constantFrom(
    "15/06/1995",
    "2023-02-30",
    "2023-02-29",
    "2023-13-01",
    "2023-00-10",
    "1995-6-15",
    "1995-06-15T00:00:00Z",
    "19950615",
    "",
    " 1995-06-15",
  ),
  fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
);

/** Values of other JSON types than `type` (null excluded: see `invalidValue`). */
function otherTypes(type: string | undefined): fc.Arbitrary<unknown> {
  const all: [string, fc.Arbitrary<unknown>][] = [
    ["string", fc.string({ maxLength: 8 })],
    ["integer", fc.integer()],
    [
      "number",
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
    ],
    ["boolean", fc.boolean()],
    ["array", fc.array(fc.integer(), { maxLength: 3 })],
    ["object", fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 })],
  ];
  return fc.oneof(
    ...all.filter(([t]) => t !== type && !(type === "number" && t === "integer")).map(([, a]) => a),
  );
}

/** A value the schema refuses, or null when it refuses nothing (no type, no constraint). */
export function invalidValue(schema: SchemaObject): fc.Arbitrary<unknown> | null {
  const choices: fc.Arbitrary<unknown>[] = [];
  if (schema.type !== undefined) choices.push(otherTypes(schema.type));
  if (!schema.nullable && schema.type !== undefined) choices.push(fc.constant(null));
  if (Array.isArray(schema.enum)) {
    const allowed = new Set(schema.enum);
    choices.push(fc.string({ maxLength: 4 }).filter((s) => !allowed.has(s)));
    choices.push(
      fc
        .constantFrom(
          ...schema.enum
            .filter((v) => typeof v === "string")
            .map((v) => (v as string).toUpperCase()),
        )
        .filter((s) => !allowed.has(s)),
    );
  }
  if (schema.type === "string" && schema.format === "date") choices.push(NOT_A_DATE);
  else if (schema.type === "string" && !schema.enum) {
    choices.push(
      fc
        .tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }))
        .map(([a, b]) => `${a}${NUL}${b}`),
    );
  }
  if (schema.type === "integer" && typeof schema.minimum === "number") {
    choices.push(fc.integer({ min: -SAFE, max: schema.minimum - 1 }));
  }
  return choices.length ? fc.oneof(...choices) : null;
}

/** An object with every required key and any subset of the others, each valid. */
export function validObject(
  properties: Map<string, SchemaObject>,
  required: string[],
  options: ArbitraryOptions,
  overrides: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, schema] of properties) {
    model[name] = overrides[name] ?? validValue(schema, options);
  }
  return fc.record(model, { requiredKeys: required.filter((k) => k in model) });
}

/** Texts a query parameter or path segment may carry beyond the well-formed ones. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "0",
    "-0",
    "-1",
    "-25",
    "1.5",
    "1e3",
    "0x10",
    "abc",
    "NaN",
    "null",
    "true",
    "1_000",
    " 7 ",
    "+3",
    "٣",
  ),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 80n }).map(String),
  fc.bigInt({ min: -(2n ** 80n), max: -1n }).map(String),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 8 }),
);

/** Clearly malformed values for an id filter: none of them names a row. */
export const malformedId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("0", "-1", "-42", "1.5", "abc", "1e3", "0x10", "null", "[1]"),
  fc.bigInt({ min: 2n ** 63n, max: 2n ** 90n }).map(String),
  fc.stringMatching(/^[a-z]{1,8}$/),
);
