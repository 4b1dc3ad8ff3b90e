// One walk over an OpenAPI 3 document's operations, for every package that reads the spec (the
// sandbox, the contract gate, the breaking-change check, the docs and this package's tests).
// Each used to loop over paths × methods itself, with its own method list and its own rule for
// path-level parameters. It takes any document, not only the bundled one: the breaking check
// compares two versions. Plain data in, plain data out; no Node API, so it runs anywhere.

/** A JSON object of the document. */
export type JsonObject = Record<string, unknown>;

/**
 * The operation fields of an OpenAPI 3 Path Item Object. Its other keys (`parameters`,
 * `summary`, `description`, `servers`, `$ref`, `x-…`) are not operations.
 */
export const HTTP_METHODS = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A node of the document with its `$ref`s followed, and the JSON pointer where it lives. */
export interface Located {
  node: JsonObject;
  /** Where `node` is in the document, e.g. `#/components/parameters/Id` for a referenced one. */
  pointer: string;
}

/** A parameter that applies to an operation (path-level ones included). */
export interface OperationParameter extends Located {
  name: string;
  in: string;
  required: boolean;
}

/** One declared response: its status key as written (`200`, `4XX`, `default`). */
export interface OperationResponse extends Located {
  status: string;
}

export interface SpecOperation {
  /** The path template as written, e.g. `/user_extra/{id}/`. */
  path: string;
  method: HttpMethod;
  operationId: string | undefined;
  /** The Operation Object itself. */
  operation: JsonObject;
  /** Where the Operation Object is, e.g. `#/paths/~1user_extra~1/get`. */
  pointer: string;
  /**
   * The path item's parameters merged with the operation's, as OpenAPI says: an operation-level
   * parameter replaces the path-level one with the same `name` and `in`, in its place.
   */
  parameters: OperationParameter[];
  requestBody: Located | undefined;
  /** In the order the document lists them. */
  responses: OperationResponse[];
}

const METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value;
}

/** Escapes one JSON-pointer segment (RFC 6901): `/user_extra/` -> `~1user_extra~1`. */
export function pointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The node at a local JSON pointer (`#/components/schemas/Gender`). */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (!pointer.startsWith("#")) {
    throw new Error(`$ref "${pointer}": only local references (starting with "#") are supported`);
  }
  let node = doc;
  for (const raw of pointer.slice(1).split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) && !Array.isArray(node)) {
      throw new Error(`$ref "${pointer}": the document has no node there`);
    }
    if (!(key in node)) throw new Error(`$ref "${pointer}": the document has no node there`);
    node = (node as JsonObject)[key];
  }
  return node;
}

/**
 * Follows `$ref`s from `node` (found at `pointer`) to an object; fails naming `where` when it
 * is not one.
 */
export function resolveRef(doc: unknown, node: unknown, pointer: string, where = pointer): Located {
  let current = node;
  let at = pointer;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`${where}: circular $ref "${current.$ref}"`);
    seen.add(current.$ref);
    at = current.$ref;
    try {
      current = resolvePointer(doc, at);
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    }
  }
  if (!isObject(current)) {
    throw new Error(`${where}: expected an object, got ${describe(current)}`);
  }
  return { node: current, pointer: at };
}

function parametersOf(
  doc: unknown,
  list: unknown,
  listPointer: string,
  where: string,
): OperationParameter[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    throw new Error(`${where}: "parameters" is ${describe(list)}; expected an array`);
  }
  return list.map((raw, index) => {
    const at = `${where}.parameters[${index}]`;
    const { node, pointer } = resolveRef(doc, raw, `${listPointer}/${index}`, at);
    if (typeof node.name !== "string" || typeof node.in !== "string") {
      throw new Error(`${at}: "name" and "in" must be strings; got ${JSON.stringify(node)}`);
    }
    return { name: node.name, in: node.in, required: node.required === true, node, pointer };
  });
}

/** Every operation of the document, path by path, each path's methods in the document's order. */
export function walkOperations(doc: unknown): SpecOperation[] {
  if (!isObject(doc)) throw new Error(`OpenAPI document: expected an object, got ${describe(doc)}`);
  // OpenAPI 3.1 makes `paths` optional (a document of webhooks or components only).
  if (doc.paths === undefined) return [];
  if (!isObject(doc.paths)) {
    throw new Error(`OpenAPI document: "paths" is ${describe(doc.paths)}; expected an object`);
  }
  const found: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const itemWhere = `paths["${path}"]`;
    const item = resolveRef(doc, rawItem, `#/paths/${pointerSegment(path)}`, itemWhere);
    const shared = parametersOf(doc, item.node.parameters, `${item.pointer}/parameters`, itemWhere);
    for (const [method, rawOperation] of Object.entries(item.node)) {
      if (!METHODS.has(method)) continue;
      const where = `${itemWhere}.${method}`;
      const pointer = `${item.pointer}/${method}`;
      if (!isObject(rawOperation)) {
        throw new Error(`${where}: expected an operation object, got ${describe(rawOperation)}`);
      }
      const operation = rawOperation;
      const merged = new Map(shared.map((p) => [`${p.in}:${p.name}`, p]));
      for (const p of parametersOf(doc, operation.parameters, `${pointer}/parameters`, where)) {
        merged.set(`${p.in}:${p.name}`, p);
      }
      if (!isObject(operation.responses)) {
        throw new Error(
          `${where}: "responses" is ${describe(operation.responses)}; expected an object of status -> response`,
        );
      }
      const responses = Object.entries(operation.responses).map(([status, raw]) => ({
        status,
        ...resolveRef(
          doc,
          raw,
          `${pointer}/responses/${pointerSegment(status)}`,
          `${where}.responses["${status}"]`,
        ),
      }));
      const requestBody =
        operation.requestBody === undefined
          ? undefined
          : resolveRef(
              doc,
              operation.requestBody,
              `${pointer}/requestBody`,
              `${where}.requestBody`,
            );
      found.push({
        path,
        method: method as HttpMethod,
        operationId: typeof operation.operationId === "string" ? operation.operationId : undefined,
        operation,
        pointer,
        parameters: [...merged.values()],
        requestBody,
        responses,
      });
    }
  }
  return found;
}
