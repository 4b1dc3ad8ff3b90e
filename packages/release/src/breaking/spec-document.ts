import { parse as parseYaml } from "yaml";

/** A parsed OpenAPI document: plain JSON values. */
export type JsonObject = Record<string, unknown>;

export interface SpecDocument {
  /** Where it came from, for messages: a file path, `git tag X`, a registry URL. */
  label: string;
  /** The original text (openapi-diff parses it itself). */
  text: string;
  doc: JsonObject;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses a spec (YAML or JSON) and refuses what openapi-diff 0.24.1 cannot read: it only
 * understands OpenAPI 3.0.x, and silently mis-diffs anything else.
 */
export function parseSpec(text: string, label: string): SpecDocument {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new Error(`${label}: not valid YAML or JSON (${(error as Error).message})`);
  }
  if (!isObject(doc)) {
    throw new Error(`${label}: expected an OpenAPI document (an object), got ${typeof doc}`);
  }
  const version = doc.openapi;
  if (typeof version !== "string" || !/^3\.0\.\d+$/.test(version)) {
    throw new Error(
      `${label}: field "openapi" is ${JSON.stringify(version)}; expected 3.0.x (openapi-diff reads OpenAPI 3.0 only)`,
    );
  }
  return { label, text, doc };
}

/** Follows a local `$ref` (`#/components/schemas/Gender`); returns the target and its name. */
export function resolveRef(
  doc: JsonObject,
  node: unknown,
): { node: unknown; name?: string | undefined } {
  let current = node;
  let name: string | undefined;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref}: only local references`);
    if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
    seen.add(ref);
    let target: unknown = doc;
    for (const raw of ref.slice(2).split("/")) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      target = isObject(target) ? target[key] : undefined;
    }
    if (target === undefined) throw new Error(`$ref ${ref} points to nothing`);
    name = ref.split("/").pop();
    current = target;
  }
  return { node: current, name };
}
