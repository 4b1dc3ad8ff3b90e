// What the property-based test knows about the API, read from the bundled spec and nothing
// else: the operations with their parameters and bodies, the writable fields with their types,
// formats, enums and defaults, the response schemas per operation and status (compiled with the
// sandbox's OpenAPI-to-JSON-Schema handling), and the error shapes a 4xx may take.
import {
  collectProperties,
  collectRequired,
  listOperations,
  type OpenApiDocument,
  type OperationInfo,
  type ParameterInfo,
  pointerSegment,
  resolvePointer,
  type SchemaObject,
} from "../../src/spec.js";
import { compileSchema, type Validator } from "../../src/validation.js";

type Json = Record<string, unknown>;

/** Follows `$ref`s to a concrete node, returning it with the pointer where it lives. */
export function deref(doc: OpenApiDocument, pointer: string): { node: Json; pointer: string } {
  let at = pointer;
  let node = resolvePointer(doc, at) as Json;
  for (let hops = 0; typeof node.$ref === "string"; hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${pointer}`);
    at = node.$ref;
    node = resolvePointer(doc, at) as Json;
  }
  return { node, pointer: at };
}

export function schemaAt(doc: OpenApiDocument, pointer: string): SchemaObject {
  return deref(doc, pointer).node as SchemaObject;
}

export interface DeclaredResponse {
  /** Validates the JSON body; absent when the spec declares no body for the status. */
  validate?: Validator;
  /** Lower-cased names of the headers the spec declares for the status. */
  headers: string[];
}

export interface OperationModel extends OperationInfo {
  /** Status code (as text) -> what the spec declares for it. */
  responses: Map<string, DeclaredResponse>;
  /** Properties of the JSON body schema ($ref and allOf followed). */
  bodyProperties: Map<string, SchemaObject>;
  bodyRequired: string[];
}

/**
 * The kinds of query parameters, by what Django/django-filter do with them: a name that is a
 * record property, or a lookup through one (`<property>__<field>`, Django's lookup syntax), is a
 * ModelChoiceFilter; a boolean is a flag; any other integer is a pagination parameter.
 */
export type QueryKind = "filter" | "lookup" | "flag" | "pagination";

export interface SpecModel {
  doc: OpenApiDocument;
  operations: OperationModel[];
  byId: Map<string, OperationModel>;
  /** Path template -> upper-case methods the spec declares. */
  methodsByPath: Map<string, string[]>;
  /** The writable fields (the PUT body's properties). */
  fields: Map<string, SchemaObject>;
  /** The value a field takes when a POST leaves it out: its default, else null, else false. */
  resetValue: (field: string) => unknown;
  /** The create body's required keys that are not writable fields (the relation: `parent`). */
  relationKeys: string[];
  /** Record properties (the 200 schema of the single-record GET). */
  recordProperties: Map<string, SchemaObject>;
  queryKind: (op: OperationModel, param: ParameterInfo) => QueryKind;
  /** True when the body is one of the spec's 4xx shapes (every schema a 4xx declares). */
  isErrorShape: (body: unknown) => boolean;
  /** Names of those shapes, for messages. */
  errorShapeNames: string[];
}

const OPERATIONS = (doc: OpenApiDocument) => listOperations(doc);

export function buildSpecModel(doc: OpenApiDocument): SpecModel {
  const validators = new Map<string, Validator>();
  const validatorFor = (pointer: string) => {
    let v = validators.get(pointer);
    if (!v) {
      v = compileSchema(doc, pointer);
      validators.set(pointer, v);
    }
    return v;
  };

  const errorShapes = new Map<string, Validator>();
  const operations: OperationModel[] = OPERATIONS(doc).map((op) => {
    const opPointer = `#/paths/${pointerSegment(op.path)}/${op.method}`;
    const raw = (resolvePointer(doc, opPointer) as Json).responses as Json;
    const responses = new Map<string, DeclaredResponse>();
    for (const status of Object.keys(raw)) {
      const { node, pointer } = deref(doc, `${opPointer}/responses/${pointerSegment(status)}`);
      const content = node.content as Record<string, Json> | undefined;
      const json = content?.["application/json"];
      let validate: Validator | undefined;
      if (json?.schema) {
        const schemaPointer = `${pointer}/content/${pointerSegment("application/json")}/schema`;
        validate = validatorFor(schemaPointer);
        if (status.startsWith("4")) {
          const target = deref(doc, schemaPointer).pointer;
          errorShapes.set(target, validatorFor(target));
        }
      }
      const headers = Object.keys((node.headers as Json | undefined) ?? {}).map((h) =>
        h.toLowerCase(),
      );
      responses.set(status, { validate, headers });
    }
    const bodySchema = op.bodySchemaPointer ? schemaAt(doc, op.bodySchemaPointer) : undefined;
    return {
      ...op,
      responses,
      bodyProperties: bodySchema ? collectProperties(doc, bodySchema) : new Map(),
      bodyRequired: bodySchema ? collectRequired(doc, bodySchema) : [],
    };
  });
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const methodsByPath = new Map<string, string[]>();
  for (const op of operations) {
    methodsByPath.set(op.path, [...(methodsByPath.get(op.path) ?? []), op.method.toUpperCase()]);
  }

  const ofMethod = (method: string, templated: boolean) => {
    const found = operations.filter(
      (op) => op.method === method && op.path.includes("{") === templated,
    );
    if (found.length !== 1) throw new Error(`expected one ${method} operation (${templated})`);
    return found[0] as OperationModel;
  };
  const put = ofMethod("put", true);
  const post = ofMethod("post", false);
  const getOne = ofMethod("get", true);
  const fields = put.bodyProperties;
  const recordSchema = getOne.responses.get("200")?.validate
    ? collectProperties(
        doc,
        schemaAt(
          doc,
          `${deref(doc, `#/paths/${pointerSegment(getOne.path)}/get/responses/200`).pointer}/content/${pointerSegment("application/json")}/schema`,
        ),
      )
    : new Map<string, SchemaObject>();

  const resetValue = (field: string) => {
    const schema = fields.get(field);
    if (!schema) throw new Error(`no field ${field}`);
    if (schema.default !== undefined) return schema.default;
    if (schema.nullable) return null;
    if (schema.type === "boolean") return false;
    throw new Error(`field ${field} has no reset value`);
  };

  const queryKind = (_op: OperationModel, param: ParameterInfo): QueryKind => {
    const schema = schemaAt(doc, param.schemaPointer);
    if (schema.type === "boolean") return "flag";
    if (recordSchema.has(param.name)) return "filter";
    const head = param.name.split("__")[0] as string;
    if (param.name.includes("__") && recordSchema.has(head)) return "lookup";
    return "pagination";
  };

  const shapes = [...errorShapes.values()];
  return {
    doc,
    operations,
    byId,
    methodsByPath,
    fields,
    resetValue,
    relationKeys: post.bodyRequired.filter((key) => !fields.has(key)),
    recordProperties: recordSchema,
    queryKind,
    isErrorShape: (body) => shapes.some((validate) => validate(body).ok),
    errorShapeNames: [...errorShapes.keys()],
  };
}
