// Reads the bundled OpenAPI document that @user-extra/types ships and derives from it what the
// sandbox needs: the operations with their parameters and bodies, and the record's fields.
// Nothing here restates a schema: field names, types and defaults all come from the document.
import { createRequire } from "node:module";
import { walkOperations } from "@user-extra/types/operations";

/** The parts of an OpenAPI 3.0 document the sandbox reads. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, PathItem>;
  components: Record<string, Record<string, unknown>>;
}

type Json = Record<string, unknown>;

interface PathItem extends Json {
  parameters?: Json[];
}

export interface SchemaObject extends Json {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  allOf?: SchemaObject[];
  properties?: Record<string, SchemaObject>;
  required?: string[];
  default?: unknown;
  format?: string;
}

export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
const SERVED: ReadonlySet<string> = new Set(HTTP_METHODS);

/** One parameter of an operation, with a JSON pointer to its schema inside the document. */
export interface ParameterInfo {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schemaPointer: string;
}

export interface OperationInfo {
  operationId: string;
  method: HttpMethod;
  /** The spec's path, e.g. `/user_extra/{id}/`. */
  path: string;
  parameters: ParameterInfo[];
  /** JSON pointer to the application/json request body schema, if the operation has a body. */
  bodySchemaPointer?: string;
}

/** A writable field of a record, as the PUT body declares it. */
export interface FieldInfo {
  name: string;
  type: "string" | "integer" | "boolean" | "number";
  nullable: boolean;
  /** The spec's `format` (e.g. `date`): form input reads an empty value of such a field as null. */
  format?: string;
  /** The value a field takes when a POST leaves it out. */
  resetValue: string | number | boolean | null;
}

/** Loads the spec bundled by @user-extra/types (`@user-extra/types/openapi.json`). */
export function loadBundledSpec(): OpenApiDocument {
  const require = createRequire(import.meta.url);
  return require("@user-extra/types/openapi.json") as OpenApiDocument;
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Follows a local `#/...` pointer inside the document. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (!pointer.startsWith("#")) throw new Error(`Only local $refs are supported, got "${pointer}"`);
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in node)) {
      throw new Error(`The spec has no node at "${pointer}"`);
    }
    node = (node as Json)[key];
  }
  return node;
}

/** Follows `$ref`s until a concrete node; returns it with the pointer where it lives. */
function deref<T>(doc: OpenApiDocument, node: T, pointer: string): { node: T; pointer: string } {
  let current = node as unknown as Json;
  let at = pointer;
  for (let hops = 0; typeof current.$ref === "string"; hops++) {
    if (hops > 32) throw new Error(`$ref cycle at "${pointer}"`);
    at = current.$ref as string;
    current = resolvePointer(doc, at) as Json;
  }
  return { node: current as unknown as T, pointer: at };
}

/** Every operation of the document, its parameters resolved to pointers. */
export function listOperations(doc: OpenApiDocument): OperationInfo[] {
  const operations: OperationInfo[] = [];
  // The shared walk merges path-level parameters and follows $refs; this adds the pointers the
  // validators compile.
  for (const op of walkOperations(doc)) {
    // The sandbox serves these methods only, as before (the spec declares no other).
    if (!SERVED.has(op.method)) continue;
    if (op.operationId === undefined) {
      throw new Error(
        `${op.method.toUpperCase()} ${op.path}: no operationId; the sandbox names each operation by it`,
      );
    }
    const info: OperationInfo = {
      operationId: op.operationId,
      method: op.method as HttpMethod,
      path: op.path,
      parameters: op.parameters.map((p) => ({
        name: p.name,
        in: p.in as ParameterInfo["in"],
        required: p.required,
        schemaPointer: `${p.pointer}/schema`,
      })),
    };
    const content = op.requestBody?.node.content as Record<string, Json> | undefined;
    if (op.requestBody && content?.["application/json"]?.schema) {
      info.bodySchemaPointer = `${op.requestBody.pointer}/content/${pointerSegment("application/json")}/schema`;
    }
    operations.push(info);
  }
  return operations;
}

export function findOperation(doc: OpenApiDocument, operationId: string): OperationInfo {
  const op = listOperations(doc).find((o) => o.operationId === operationId);
  if (!op) throw new Error(`The spec has no operation "${operationId}"`);
  return op;
}

/** The properties of a schema, following `$ref` and merging `allOf`, in declaration order. */
export function collectProperties(
  doc: OpenApiDocument,
  schema: SchemaObject,
): Map<string, SchemaObject> {
  const out = new Map<string, SchemaObject>();
  const visit = (raw: SchemaObject) => {
    const { node } = deref(doc, raw, "");
    for (const part of node.allOf ?? []) visit(part);
    for (const [name, prop] of Object.entries(node.properties ?? {})) {
      out.set(name, deref(doc, prop, "").node);
    }
  };
  visit(schema);
  return out;
}

/** The `required` list of a schema, following `$ref` and merging `allOf`. */
export function collectRequired(doc: OpenApiDocument, schema: SchemaObject): string[] {
  const out: string[] = [];
  const visit = (raw: SchemaObject) => {
    const { node } = deref(doc, raw, "");
    out.push(...(node.required ?? []));
    for (const part of node.allOf ?? []) visit(part);
  };
  visit(schema);
  return [...new Set(out)];
}

const FIELD_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * The writable fields of a record: the properties of the PUT body (`updateUserExtra`), which
 * carries every writable field except `parent`. A field's reset value is its `default` if the
 * spec gives one, else `null` when nullable, else `false` for a boolean (the spec's rule for
 * `accept_terms`).
 */
export function writableFields(doc: OpenApiDocument): FieldInfo[] {
  const put = findOperation(doc, "updateUserExtra");
  if (!put.bodySchemaPointer) throw new Error("The spec's updateUserExtra has no JSON body");
  const schema = resolvePointer(doc, put.bodySchemaPointer) as SchemaObject;
  const fields: FieldInfo[] = [];
  for (const [name, prop] of collectProperties(doc, schema)) {
    // Names become SQL column names: refuse anything that is not a plain identifier.
    if (!FIELD_NAME.test(name)) throw new Error(`The spec's field "${name}" is not a safe name`);
    const type = prop.type;
    if (type !== "string" && type !== "integer" && type !== "boolean" && type !== "number") {
      throw new Error(`The spec's field "${name}" has unsupported type "${String(type)}"`);
    }
    const nullable = prop.nullable === true;
    let resetValue: FieldInfo["resetValue"];
    if (prop.default !== undefined) resetValue = prop.default as FieldInfo["resetValue"];
    else if (nullable) resetValue = null;
    else if (type === "boolean") resetValue = false;
    else throw new Error(`The spec's field "${name}" is neither nullable nor defaulted`);
    const format = typeof prop.format === "string" ? prop.format : undefined;
    fields.push({ name, type, nullable, resetValue, ...(format ? { format } : {}) });
  }
  return fields;
}

/** The keys every stored record carries (the `required` list of the UserExtra schema). */
export function recordKeys(doc: OpenApiDocument): string[] {
  return collectRequired(doc, { $ref: "#/components/schemas/UserExtra" });
}
