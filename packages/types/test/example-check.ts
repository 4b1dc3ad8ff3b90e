// Validates every `examples` entry of an OpenAPI 3.0 document against the schema beside it,
// with Ajv. Returns one readable line per problem: where the example is, which field, why.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { resolveRef, walkOperations } from "../src/operations.js";

type Json = Record<string, unknown>;
export interface FoundExample {
  where: string;
  schema: Json;
  value: unknown;
}

function fromContent(spec: Json, where: string, content: unknown): FoundExample[] {
  const found: FoundExample[] = [];
  for (const [mediaType, media] of Object.entries((content ?? {}) as Record<string, Json>)) {
    const examples = (media.examples ?? {}) as Record<string, Json>;
    for (const [name, example] of Object.entries(examples)) {
      const at = `${where} ${mediaType} example "${name}"`;
      found.push({
        where: at,
        schema: media.schema as Json,
        // The example's own place is not needed, only its value.
        value: resolveRef(spec, example, "", at).node.value,
      });
    }
  }
  return found;
}

/** Every request and response example of every operation. */
export function collectExamples(spec: Json): FoundExample[] {
  const found: FoundExample[] = [];
  for (const { method, path, requestBody, responses } of walkOperations(spec)) {
    const label = `${method.toUpperCase()} ${path}`;
    if (requestBody) found.push(...fromContent(spec, `${label} request`, requestBody.node.content));
    for (const { status, node } of responses) {
      found.push(...fromContent(spec, `${label} ${status}`, node.content));
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
