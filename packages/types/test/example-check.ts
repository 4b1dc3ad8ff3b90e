// Validates every `examples` entry of an OpenAPI 3.0 document against the schema beside it,
// with Ajv. Returns one readable line per problem: where the example is, which field, why.
import Ajv from "ajv";
import addFormats from "ajv-formats";

type Json = Record<string, unknown>;
export interface FoundExample {
  where: string;
  schema: Json;
  value: unknown;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

function resolve(spec: Json, node: Json): Json {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  return ref
    .slice(2)
    .split("/")
    .reduce<Json>((at, key) => at[key] as Json, spec);
}

function fromContent(where: string, content: unknown, spec: Json): FoundExample[] {
  const found: FoundExample[] = [];
  for (const [mediaType, media] of Object.entries((content ?? {}) as Record<string, Json>)) {
    const examples = (media.examples ?? {}) as Record<string, Json>;
    for (const [name, example] of Object.entries(examples)) {
      found.push({
        where: `${where} ${mediaType} example "${name}"`,
        schema: media.schema as Json,
        value: resolve(spec, example).value,
      });
    }
  }
  return found;
}

/** Every request and response example of every operation. */
export function collectExamples(spec: Json): FoundExample[] {
  const found: FoundExample[] = [];
  for (const [path, item] of Object.entries(spec.paths as Record<string, Json>)) {
    for (const method of METHODS.filter((m) => m in item)) {
      const op = item[method] as Json;
      const label = `${method.toUpperCase()} ${path}`;
      if (op.requestBody) {
        const body = resolve(spec, op.requestBody as Json);
        found.push(...fromContent(`${label} request`, body.content, spec));
      }
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        const resolved = resolve(spec, response);
        found.push(...fromContent(`${label} ${status}`, resolved.content, spec));
      }
    }
  }
  return found;
}

/** Validates each example; returns the problems (empty when every example matches). */
export function checkExamples(spec: Json): { checked: number; problems: string[] } {
  // strictRequired is off because the record lists `required` beside an allOf that defines
  // the properties, which is valid JSON Schema but trips that one strict check.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  ajv.addVocabulary(["example", "xml", "externalDocs", "components"]);
  ajv.addSchema({ components: spec.components }, "spec");
  const examples = collectExamples(spec);
  const problems: string[] = [];
  for (const { where, schema, value } of examples) {
    const ref = (schema.$ref as string | undefined)?.replace("#", "spec#");
    const validate = ref ? ajv.getSchema(ref) : ajv.compile(schema);
    if (!validate) throw new Error(`${where}: cannot resolve schema ${JSON.stringify(schema)}`);
    if (validate(value)) continue;
    for (const error of validate.errors ?? []) {
      const field = error.instancePath || "(root)";
      problems.push(`${where}: field ${field} ${error.message}`);
    }
  }
  return { checked: examples.length, problems };
}
