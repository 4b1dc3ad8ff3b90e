// Generates src/generated/*.gen.ts from openapi/user-extra.yaml: the run-time input checks
// (types, enums, required fields, formats and bounds, exactly as the spec states them), the
// list and get filters with their wire names, ListQuery, the status-to-error table and the
// spec's operation ids. Build outputs: never edited, never committed.
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

const header = `/**
 * GENERATED FILE - DO NOT EDIT.
 * Generated from openapi/user-extra.yaml by packages/client/scripts/generate.mjs.
 * Change the spec and run \`pnpm generate\` instead.
 */
`;

/** The Stainless class of each error status; a status the spec adds must be named here. */
const STATUS_CLASSES = {
  400: "BadRequestError",
  401: "AuthenticationError",
  403: "PermissionDeniedError",
  404: "NotFoundError",
  409: "ConflictError",
  422: "UnprocessableEntityError",
  429: "RateLimitError",
};
/** Formats the client checks; int32/int64 add nothing to "an integer" (safe integers only). */
const FORMATS = new Set(["date", "int32", "int64"]);

function deref(node) {
  let at = node;
  while (typeof at?.$ref === "string") {
    at = at.$ref
      .slice(2)
      .split("/")
      .reduce((parent, key) => parent[key], spec);
  }
  return at;
}

/** Properties and required names of a schema, merging allOf. */
function flatten(schema, out = { props: new Map(), required: new Set() }) {
  const node = deref(schema);
  for (const part of node.allOf ?? []) flatten(part, out);
  for (const name of node.required ?? []) out.required.add(name);
  for (const [name, prop] of Object.entries(node.properties ?? {})) out.props.set(name, prop);
  return out;
}

/** A property's schema as a compact rule the client's checker reads (src/core/validate.ts). */
function rule(where, raw) {
  const s = deref(raw);
  if (s.allOf || s.anyOf || s.oneOf)
    throw new Error(`${where}: composed schemas are not supported`);
  const r = {};
  if (s.type) {
    if (!["string", "integer", "number", "boolean"].includes(s.type)) {
      throw new Error(`${where}: type ${s.type} is not checked by the client; extend rule()`);
    }
    r.t = s.type;
  }
  if (s.nullable) r.n = 1;
  if (s.enum) r.e = s.enum.filter((v) => v !== null);
  if (s.format) {
    if (!FORMATS.has(s.format)) {
      throw new Error(`${where}: format ${s.format} is not checked by the client; add it`);
    }
    if (s.format === "date") r.f = "date";
  }
  for (const [from, to] of [
    ["minimum", "min"],
    ["maximum", "max"],
    ["minLength", "minL"],
    ["maxLength", "maxL"],
  ]) {
    if (s[from] !== undefined) r[to] = s[from];
  }
  if (s.exclusiveMinimum || s.exclusiveMaximum || s.pattern || s.multipleOf) {
    throw new Error(`${where}: a keyword the client does not check yet; extend rule()`);
  }
  return r;
}

/** The TypeScript type of a rule, for the generated interfaces. */
function tsType(r) {
  const base = r.e
    ? r.e.map((v) => JSON.stringify(v)).join(" | ")
    : ({ string: "string", integer: "number", number: "number", boolean: "boolean" }[r.t] ??
      "unknown");
  return r.n ? `${base} | null` : base;
}

/** `parent__organization_id` -> `organizationId`: a django lookup's last segment, camelCased. */
const optionName = (wire) =>
  wire
    .split("__")
    .at(-1)
    .replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

const operations = [];
for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (!["get", "put", "post", "patch", "delete"].includes(method)) continue;
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
    operations.push({ id: op.operationId, method: method.toUpperCase(), path, op, params });
  }
}
const byId = Object.fromEntries(operations.map((o) => [o.id, o]));
const need = (id) => {
  if (!byId[id]) throw new Error(`The spec has no operation ${id}, which the client calls`);
  return byId[id];
};

// Rules are shared by identity (the same rule object under many names), so the emitted code
// declares each distinct rule once.
const rules = new Map();
const ref = (r) => {
  const key = JSON.stringify(r);
  if (!rules.has(key)) rules.set(key, `r${rules.size}`);
  return rules.get(key);
};

/** A query's filters: option name -> [wire name, rule], plus their interface. */
function filters(opId) {
  const entries = [];
  const fields = [];
  const seen = new Map();
  for (const p of need(opId).params.filter((p) => p.in === "query")) {
    const name = optionName(p.name);
    if (seen.has(name))
      throw new Error(`${opId}: ${p.name} and ${seen.get(name)} both map to ${name}`);
    seen.set(name, p.name);
    const r = rule(`${opId} query ${p.name}`, p.schema);
    entries.push(`  ${name}: [${JSON.stringify(p.name)}, ${ref(r)}],`);
    const doc = (p.description ?? "")
      .replace(/\s+/g, " ")
      .trim()
      .split(/(?<=\.) /)[0];
    fields.push(`  /** ${doc} (\`${p.name}\`) */\n  ${name}?: ${tsType(r)} | undefined;`);
  }
  return { entries: entries.join("\n"), fields: fields.join("\n") };
}

/** A request body: its required fields and its field -> rule map. */
function body(opId) {
  const schema = need(opId).op.requestBody?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${opId} has no application/json body`);
  const { props, required } = flatten(schema);
  const fields = new Map([...props].map(([k, v]) => [k, ref(rule(`${opId} body ${k}`, v))]));
  return { required: [...required], fields };
}

/**
 * The bodies' field maps, each declared once: a map that holds another one (create's holds
 * update's, plus parent) spreads it, so that the field names appear once in the bundle.
 */
function emitBodies(bodies) {
  const decls = [];
  const named = []; // [name, fields]
  const nameOf = (fields) => {
    const same = named.find(
      ([, f]) => f.size === fields.size && [...f].every(([k, v]) => fields.get(k) === v),
    );
    if (same) return same[0];
    const base = named
      .filter(([, f]) => f.size < fields.size && [...f].every(([k, v]) => fields.get(k) === v))
      .sort((a, b) => b[1].size - a[1].size)[0];
    const own = [...fields].filter(([k]) => !base?.[1].has(k));
    const name = `f${named.length}`;
    const lines = [...(base ? [`  ...${base[0]},`] : []), ...own.map(([k, v]) => `  ${k}: ${v},`)];
    decls.push(`const ${name}: Record<string, Rule> = {\n${lines.join("\n")}\n};`);
    named.push([name, fields]);
    return name;
  };
  const sorted = Object.entries(bodies).sort((a, b) => a[1].fields.size - b[1].fields.size);
  const entries = sorted.map(
    ([k, b]) => `  ${k}: { required: ${JSON.stringify(b.required)}, fields: ${nameOf(b.fields)} },`,
  );
  return `${decls.join("\n\n")}\n\n/** Request bodies: their required fields and each field's rule. */\nexport const BODIES = {\n${entries.join("\n")}\n};`;
}

const idParam = need("getUserExtra").params.find((p) => p.in === "path" && p.name === "id");
const list = filters("listUserExtras");
const get = filters("getUserExtra");
const bodies = {
  create: body("createUserExtra"),
  update: body("updateUserExtra"),
  patch: body("partialUpdateUserExtra"),
};
const id = ref(rule("path id", idParam.schema));

const statuses = new Set();
for (const { op } of operations) {
  for (const code of Object.keys(op.responses ?? {}))
    if (+code >= 400 && +code < 500) statuses.add(+code);
}
statuses.add(429); // not in the spec, but retried: Stainless's RateLimitError
const classes = [...statuses]
  .sort((a, b) => a - b)
  .map((s) => {
    const cls = STATUS_CLASSES[s];
    if (!cls) {
      throw new Error(
        `The spec declares status ${s}, which has no error class: add one to src/core/errors.ts and to STATUS_CLASSES in scripts/generate.mjs`,
      );
    }
    return [s, cls];
  });

const checks = `${header}
import type { Rule } from "../core/validate.js";

${[...rules].map(([json, name]) => `const ${name}: Rule = ${json};`).join("\n")}

/** The path id of /user_extra/{id}/. */
export const ID = ${id};

/** list's filters: option name -> [query parameter, rule]. */
export const LIST_FILTERS = {
${list.entries}
} as const;

/** get's query: option name -> [query parameter, rule]. */
export const GET_FILTERS = {
${get.entries}
} as const;

${emitBodies(bodies)}
`;

const types = `${header}
/** Filters of \`list\`, \`listAll\` and \`pages\`. Each accepts \`undefined\` (no filter). */
export interface ListQuery {
${list.fields}
}

/** The query of \`get\`. Each accepts \`undefined\`. */
export interface GetQuery {
${get.fields}
}

/** The spec's operations, by operationId: the client has one method for each. */
export type OperationId = ${operations.map((o) => JSON.stringify(o.id)).join(" | ")};

/** Method and path of each operation. */
export const OPERATIONS = ${JSON.stringify(
  Object.fromEntries(operations.map((o) => [o.id, `${o.method} ${o.path}`])),
  null,
  2,
)} as const;
`;

const errors = `${header}
import { ${classes.map(([, c]) => c).join(", ")} } from "../core/errors.js";

/** The error class of each 4xx status the spec declares (and 429); 5xx is InternalServerError. */
export const BY_STATUS = {
${classes.map(([s, c]) => `  ${s}: ${c},`).join("\n")}
};
`;

// The 2xx response schemas, for the opt-in full validation (src/validate.ts): each component
// schema once, as a constant the others refer to.
const shapes = new Map(); // component name -> [const name, code]
const done = []; // [const name, code], each after the shapes it refers to
function shape(raw, where) {
  if (raw?.$ref) {
    const name = raw.$ref.split("/").at(-1);
    if (!shapes.has(name)) {
      const id = `s${shapes.size}`;
      shapes.set(name, [id, null]);
      const code = shape(deref(raw), `${where} ${name}`);
      shapes.set(name, [id, code]);
      done.push([id, code]);
    }
    return shapes.get(name)[0];
  }
  const s = raw ?? {};
  const parts = [];
  if (s.allOf || s.properties || s.type === "object") {
    const { props, required } = flatten(s);
    if (s.type) parts.push(`t: "object"`);
    else if (props.size) parts.push(`t: "object"`);
    if (required.size) parts.push(`r: ${JSON.stringify([...required])}`);
    const p = [...props].map(([k, v]) => `${k}: ${shape(v, `${where}.${k}`)}`);
    if (p.length) parts.push(`p: { ${p.join(", ")} }`);
    if (s.nullable) parts.push("n: 1");
  } else if (s.type === "array") {
    parts.push(`t: "array"`, `i: ${shape(s.items, `${where}[]`)}`);
    if (s.nullable) parts.push("n: 1");
  } else if (s.type || s.enum || s.nullable) {
    const r = { ...(s.type && { t: s.type }), ...(s.nullable && { n: 1 }) };
    if (s.enum) r.e = s.enum.filter((v) => v !== null);
    if (s.format === "date") r.f = "date";
    for (const [from, to] of [
      ["minimum", "min"],
      ["maximum", "max"],
    ]) {
      if (s[from] !== undefined) r[to] = s[from];
    }
    return JSON.stringify(r);
  } else if (s.anyOf || s.oneOf) {
    throw new Error(`${where}: anyOf/oneOf in a 2xx response is not validated yet`);
  }
  return `{ ${parts.join(", ")} }`;
}
const responses = [];
for (const o of operations) {
  for (const [code, res] of Object.entries(o.op.responses ?? {})) {
    const schema = deref(res).content?.["application/json"]?.schema;
    if (+code >= 200 && +code < 300 && schema) responses.push([o.id, shape(schema, o.id)]);
  }
}
const responsesModule = `${header}
import type { Shape } from "../validate.js";

${done.map(([id, code]) => `const ${id}: Shape = ${code};`).join("\n")}

/** The 2xx JSON body's schema of each operation that has one. */
export const RESPONSES: Record<string, Shape> = {
${responses.map(([id, s]) => `  ${id}: ${s},`).join("\n")}
};
`;

await mkdir(outDir, { recursive: true });
await writeFile(resolve(outDir, "responses.gen.ts"), responsesModule);
await writeFile(resolve(outDir, "checks.gen.ts"), checks);
await writeFile(resolve(outDir, "api.gen.ts"), types);
await writeFile(resolve(outDir, "errors.gen.ts"), errors);
console.log(
  `generated the client's checks, filters and error table (${operations.length} operations)`,
);
