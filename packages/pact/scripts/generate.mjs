// Generates src/generated/spec.gen.ts from openapi/user-extra.yaml: what the kit's matchers need
// to know of each field (JSON type, format, enum, nullable) for the record, the page and each
// error body, and the server's base path. Build output: never edited, never committed.
//
//   node scripts/generate.mjs [spec.yaml] [outDir]   (defaults: the repo's spec, src/generated)
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const here = fileURLToPath(new URL(".", import.meta.url));
const specPath = resolve(process.argv[2] ?? `${here}../../../openapi/user-extra.yaml`);
const outDir = resolve(process.argv[3] ?? `${here}../src/generated`);
const spec = parse(await readFile(specPath, "utf8"));

const at = (ref) =>
  ref
    .slice(2)
    .split("/")
    .reduce((node, key) => {
      if (!node || !(key in node)) throw new Error(`${specPath}: ${ref} does not resolve`);
      return node[key];
    }, spec);
const deref = (schema) => (schema?.$ref ? deref(at(schema.$ref)) : schema);

/** The properties of a schema, allOf parts merged, each reduced to what a matcher needs. */
function fields(raw) {
  const out = {};
  const visit = (s) => {
    const schema = deref(s);
    for (const part of schema.allOf ?? []) visit(part);
    for (const [name, prop] of Object.entries(schema.properties ?? {})) out[name] = field(prop);
  };
  visit(raw);
  return out;
}

function field(raw) {
  const s = deref(raw);
  const f = { type: s.type ?? "any", nullable: Boolean(s.nullable) };
  if (s.format) f.format = s.format;
  if (s.enum) f.enum = s.enum.filter((v) => v !== null);
  if (s.type === "array") f.items = field(s.items ?? {});
  return f;
}

const schemas = spec.components.schemas;
const server = spec.servers?.[0]?.url ?? "";
const basePath = new URL(server, "http://relative.invalid").pathname.replace(/\/+$/, "");

const out = `/**
 * GENERATED FILE - DO NOT EDIT.
 * Generated from openapi/user-extra.yaml by packages/pact/scripts/generate.mjs.
 * Change the spec and run \`pnpm generate\` instead.
 */
import type { FieldSpec } from "../kit/field-spec.js";

/** The server's path, which every operation's path is under (from servers[0].url). */
export const API_BASE_PATH = ${JSON.stringify(basePath)};

/** The spec's paths, relative to the server. */
export const SPEC_PATHS = ${JSON.stringify(Object.keys(spec.paths))} as const;

/** The fields of a record (components.schemas.UserExtra). */
export const RECORD_FIELDS: Record<string, FieldSpec> = ${JSON.stringify(fields(schemas.UserExtra), null, 2)};

/** The fields of a page (components.schemas.PaginatedUserExtraList), \`results\` aside. */
export const PAGE_FIELDS: Record<string, FieldSpec> = ${JSON.stringify(
  Object.fromEntries(
    Object.entries(fields(schemas.PaginatedUserExtraList)).filter(([k]) => k !== "results"),
  ),
  null,
  2,
)};

/** The body of a 401, 403 or 404 (components.schemas.ErrorDetail). */
export const ERROR_DETAIL_FIELDS: Record<string, FieldSpec> = ${JSON.stringify(fields(schemas.ErrorDetail), null, 2)};

/** The messages of one field in a 400 body (components.schemas.ValidationErrors). */
export const VALIDATION_MESSAGES: FieldSpec = ${JSON.stringify(field(schemas.ValidationErrors.additionalProperties))};
`;
await mkdir(outDir, { recursive: true });
await writeFile(`${outDir}/spec.gen.ts`, out);
