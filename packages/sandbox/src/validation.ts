// Request validators compiled from the spec at start-up (Ajv 8 + ajv-formats), and the
// translation of Ajv's errors into the spec's 400 body: a map from field to messages, worded
// as Django REST Framework words them.

import type { ValidationErrors } from "@user-extra/types";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import {
  listOperations,
  type OpenApiDocument,
  type OperationInfo,
  resolvePointer,
} from "./spec.js";

// ajv-formats is CommonJS with `exports.default`; depending on the bundler the default import
// is the function or the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: ValidationErrors };

export type Validator<T = Record<string, unknown>> = (input: unknown) => Validation<T>;

export interface OperationValidators {
  path: Validator;
  query: Validator;
  /** Absent when the operation takes no body. */
  body?: Validator;
}

/** The key Ajv knows the document by; refs into it read `spec#/components/...`. */
const SPEC_ID = "spec";

/**
 * OpenAPI 3.0 schemas are close to JSON Schema but not equal. One mechanical difference matters
 * here: `nullable: true` beside an `enum` means null is allowed, while Ajv checks the enum
 * after the type and rejects null unless the enum lists it. Add null to such enums.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = toJsonSchema(value);
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) {
    out.enum = [...out.enum, null];
  }
  return out;
}

function createAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: coerce,
    // The record schema lists `required` beside an allOf that holds the properties.
    strictRequired: false,
    // `example` is OpenAPI annotation; `components` and `paths` only hold the document's parts.
    keywords: ["example", "components", "paths"],
  });
  addFormats(ajv);
  return ajv;
}

function ajvRef(pointer: string): { $ref: string } {
  return { $ref: `${SPEC_ID}${pointer}` };
}

/** Compiles the path, query and body validators of every operation in the document. */
export function compileValidators(doc: OpenApiDocument): Map<string, OperationValidators> {
  const document = {
    $id: SPEC_ID,
    components: toJsonSchema(doc.components),
    paths: toJsonSchema(doc.paths),
  };
  // Parameters arrive as text and are coerced to their declared types. Bodies are JSON and are
  // checked as sent: "28" for an integer field is an error, so clients find type mistakes here.
  const paramsAjv = createAjv(true);
  const bodyAjv = createAjv(false);
  paramsAjv.addSchema(document);
  bodyAjv.addSchema(document);

  const validators = new Map<string, OperationValidators>();
  for (const op of listOperations(doc)) {
    validators.set(op.operationId, {
      path: compileParameters(paramsAjv, doc, op, "path"),
      query: compileParameters(paramsAjv, doc, op, "query"),
      body: op.bodySchemaPointer ? wrap(bodyAjv.compile(ajvRef(op.bodySchemaPointer))) : undefined,
    });
  }
  return validators;
}

/** A validator for any schema of the document, e.g. `#/components/schemas/UserExtra` (for tests). */
export function compileSchema(doc: OpenApiDocument, pointer: string): Validator {
  const ajv = createAjv(false);
  ajv.addSchema({
    $id: SPEC_ID,
    components: toJsonSchema(doc.components),
    paths: toJsonSchema(doc.paths),
  });
  return wrap(ajv.compile(ajvRef(pointer)));
}

function compileParameters(
  ajv: Ajv,
  doc: OpenApiDocument,
  op: OperationInfo,
  place: "path" | "query",
): Validator {
  const params = op.parameters.filter((p) => p.in === place);
  const schema = {
    type: "object",
    properties: Object.fromEntries(params.map((p) => [p.name, ajvRef(p.schemaPointer)])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
  // Ajv applies `default` only to schemas written inline, not behind a $ref: apply the spec's
  // parameter defaults here.
  const defaults = params.flatMap((p) => {
    const value = (resolvePointer(doc, p.schemaPointer) as { default?: unknown }).default;
    return value === undefined ? [] : [[p.name, value] as const];
  });
  const validate = wrap(ajv.compile(schema));
  return (input) => {
    const result = validate(input);
    if (result.ok) {
      for (const [name, value] of defaults) result.value[name] ??= value;
    }
    return result;
  };
}

function wrap(validate: ValidateFunction): Validator {
  return (input) => {
    // Coercion and defaults write into the object: validate a copy of plain objects.
    const data =
      input !== null && typeof input === "object" && !Array.isArray(input) ? { ...input } : input;
    if (validate(data)) return { ok: true, value: data as Record<string, unknown> };
    return { ok: false, errors: toFieldErrors(validate.errors ?? [], data) };
  };
}

const NON_FIELD = "non_field_errors";

function describeJsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "string") return "str";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "boolean") return "bool";
  return typeof value;
}

function quote(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `"${short}"`;
}

function valueAt(data: unknown, path: string[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** One message for one Ajv error, in DRF's words, naming what was expected. */
function messageFor(error: ErrorObject, value: unknown, atRoot: boolean): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return "This field is required.";
    case "type": {
      if (atRoot) {
        return `Invalid data. Expected a dictionary, but got ${describeJsonType(value)}.`;
      }
      if (value === null) return "This field may not be null.";
      const expected = String(p.type).split(",")[0];
      if (expected === "integer") return `A valid integer is required, got ${quote(value)}.`;
      if (expected === "number") return `A valid number is required, got ${quote(value)}.`;
      if (expected === "boolean")
        return `Must be a valid boolean (true or false), got ${quote(value)}.`;
      if (expected === "string")
        return `Not a valid string: expected text, got ${describeJsonType(value)}.`;
      if (expected === "object") return `Expected an object, got ${describeJsonType(value)}.`;
      return `Expected a value of type ${expected}.`;
    }
    case "enum":
      // The spec's own example message, verbatim.
      return `${quote(value)} is not a valid choice.`;
    case "maxLength":
      return `Ensure this field has no more than ${p.limit} characters.`;
    case "minLength":
      return `Ensure this field has at least ${p.limit} characters.`;
    case "maximum":
      return `Ensure this value is less than or equal to ${p.limit}.`;
    case "minimum":
      return `Ensure this value is greater than or equal to ${p.limit}.`;
    case "exclusiveMaximum":
      return `Ensure this value is less than ${p.limit}.`;
    case "exclusiveMinimum":
      return `Ensure this value is greater than ${p.limit}.`;
    case "format":
      if (p.format === "date") {
        return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? `${quote(value)} is not a valid calendar date. Use YYYY-MM-DD.`
          : "Date has wrong format. Use YYYY-MM-DD.";
      }
      if (p.format === "int64" || p.format === "int32") {
        return `Ensure this value is a ${p.format === "int32" ? "32" : "64"}-bit integer.`;
      }
      return `Enter a valid ${String(p.format)}.`;
    default:
      return error.message ? `Invalid value: ${error.message}.` : "Invalid value.";
  }
}

/** Groups Ajv errors by top-level field, in DRF's body shape, without duplicates. */
export function toFieldErrors(errors: ErrorObject[], data: unknown): ValidationErrors {
  const out: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    const list = out[field] ?? [];
    if (!list.includes(message)) list.push(message);
    out[field] = list;
  };
  // A type error on a field makes its other errors noise ("must be string" and "must match
  // format" for 12): report only the type error for such a field.
  const typeFailed = new Set(
    errors.filter((e) => e.keyword === "type" && e.instancePath !== "").map((e) => e.instancePath),
  );
  for (const error of errors) {
    const path = error.instancePath
      .split("/")
      .slice(1)
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (error.keyword === "required") {
      add(
        String((error.params as { missingProperty: string }).missingProperty),
        "This field is required.",
      );
      continue;
    }
    if (error.keyword !== "type" && typeFailed.has(error.instancePath)) continue;
    const field = path[0] ?? NON_FIELD;
    add(field, messageFor(error, valueAt(data, path), path.length === 0));
  }
  return out;
}
