import { isObject, type JsonObject, resolveRef } from "./spec-document.js";

/**
 * One schema node flattened for comparison: `$ref`s followed and `allOf` members merged (the
 * spec builds its bodies as `allOf: [own fields, $ref UserExtraFields]`). Properties stay raw so
 * the diff recurses lazily, which keeps recursive schemas finite.
 */
export interface SchemaShape {
  /** The innermost named component this node came from (`Gender`), for messages. */
  component?: string | undefined;
  types?: string[] | undefined;
  nullable: boolean;
  /** Enum values other than null (nullability is compared on its own). */
  enumValues?: unknown[] | undefined;
  properties: Record<string, unknown>;
  /** The named component that declares each property (`UserExtraFields`), for messages. */
  propertyOwners: Record<string, string | undefined>;
  required: Set<string>;
  /** `true` when absent: OpenAPI objects are open unless they say otherwise. */
  additionalProperties: boolean | unknown;
  items?: unknown;
  readOnly: boolean;
  writeOnly: boolean;
  /** Validation keywords compared by value. */
  limits: JsonObject;
  oneOf?: unknown[] | undefined;
  anyOf?: unknown[] | undefined;
}

export const LIMIT_KEYWORDS = [
  "maxLength",
  "minLength",
  "maximum",
  "minimum",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "maxItems",
  "minItems",
  "maxProperties",
  "minProperties",
  "multipleOf",
  "uniqueItems",
  "pattern",
  "format",
] as const;

export function shapeOf(doc: JsonObject, raw: unknown): SchemaShape {
  const { node, name } = resolveRef(doc, raw);
  const schema = isObject(node) ? node : {};
  const shape: SchemaShape = {
    component: name,
    types: typeof schema.type === "string" ? [schema.type] : undefined,
    nullable: schema.nullable === true,
    enumValues: Array.isArray(schema.enum) ? schema.enum.filter((v) => v !== null) : undefined,
    properties: isObject(schema.properties) ? { ...schema.properties } : {},
    propertyOwners: {},
    required: new Set(Array.isArray(schema.required) ? schema.required.map(String) : []),
    additionalProperties: schema.additionalProperties ?? true,
    items: schema.items,
    readOnly: schema.readOnly === true,
    writeOnly: schema.writeOnly === true,
    limits: {},
    oneOf: Array.isArray(schema.oneOf) ? schema.oneOf : undefined,
    anyOf: Array.isArray(schema.anyOf) ? schema.anyOf : undefined,
  };
  for (const key of Object.keys(shape.properties)) shape.propertyOwners[key] = name;
  for (const keyword of LIMIT_KEYWORDS) {
    if (schema[keyword] !== undefined) shape.limits[keyword] = schema[keyword];
  }
  if (Array.isArray(schema.allOf)) {
    for (const member of schema.allOf) mergeInto(shape, shapeOf(doc, member));
  }
  return shape;
}

/** allOf: every member must hold, so properties and required names add up. */
function mergeInto(target: SchemaShape, member: SchemaShape): void {
  target.types ??= member.types;
  target.nullable ||= member.nullable;
  target.enumValues ??= member.enumValues;
  for (const [key, value] of Object.entries(member.properties)) {
    const existing = target.properties[key];
    target.properties[key] = existing === undefined ? value : { allOf: [existing, value] };
    target.propertyOwners[key] ??= member.propertyOwners[key] ?? target.component;
  }
  for (const key of member.required) target.required.add(key);
  if (member.additionalProperties !== true)
    target.additionalProperties = member.additionalProperties;
  target.items ??= member.items;
  target.readOnly ||= member.readOnly;
  target.writeOnly ||= member.writeOnly;
  target.limits = { ...member.limits, ...target.limits };
  target.oneOf ??= member.oneOf;
  target.anyOf ??= member.anyOf;
}
