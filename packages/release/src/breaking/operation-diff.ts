import { walkOperations } from "@user-extra/types/operations";
import { diffSchema } from "./schema-diff.js";
import { isObject, type JsonObject } from "./spec-document.js";
import type { Difference } from "./types.js";

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: unknown;
}

interface Operation {
  key: string; // "GET /user_extra/"
  parameters: Map<string, Parameter>; // by "query:limit"
  requestBody?: { required: boolean; content: JsonObject } | undefined;
  responses: Map<string, JsonObject>; // status -> content (media type -> media object)
}

/** The operations of one version of the spec, by "METHOD path", as the rules compare them. */
function operationsOf(doc: JsonObject): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  // The shared walk applies path-level parameters to each operation (the operation's own win).
  for (const op of walkOperations(doc)) {
    const key = `${op.method.toUpperCase()} ${op.path}`;
    const parameters = new Map(
      op.parameters.map((p) => [
        `${p.in}:${p.name}`,
        { name: p.name, in: p.in, required: p.required, schema: p.node.schema },
      ]),
    );
    const body = op.requestBody?.node;
    operations.set(key, {
      key,
      parameters,
      requestBody: body
        ? { required: body.required === true, content: isObject(body.content) ? body.content : {} }
        : undefined,
      responses: new Map(
        op.responses.map((r) => [r.status, isObject(r.node.content) ? r.node.content : {}]),
      ),
    });
  }
  return operations;
}

/**
 * What openapi-diff 0.24.1 does not look at: parameters (it ignores them entirely) and the
 * field-by-field content of request and response bodies, including enums (its JSON-schema diff
 * skips `enum`). Paths, methods, status codes and headers are left to openapi-diff.
 */
export function diffOperations(base: JsonObject, head: JsonObject): Difference[] {
  const found: Difference[] = [];
  const emit = (d: Difference) => found.push(d);
  const before = operationsOf(base);
  const after = operationsOf(head);
  for (const [key, op] of after) {
    const old = before.get(key);
    if (!old) continue; // a new path or method: openapi-diff reports it
    diffParameters(base, head, old, op, emit);
    diffRequestBody(base, head, old, op, emit);
    for (const [status, content] of op.responses) {
      const oldContent = old.responses.get(status);
      if (!oldContent) continue; // a new status code: openapi-diff reports it
      diffContent(
        base,
        head,
        oldContent,
        content,
        "response",
        `${key} response ${status}`,
        `${key}|response ${status}`,
        emit,
      );
    }
  }
  return found;
}

function diffParameters(
  base: JsonObject,
  head: JsonObject,
  old: Operation,
  op: Operation,
  emit: (d: Difference) => void,
) {
  const keys = new Set([...old.parameters.keys(), ...op.parameters.keys()]);
  for (const id of keys) {
    const before = old.parameters.get(id);
    const after = op.parameters.get(id);
    const p = (after ?? before) as Parameter;
    const place = `${op.key} ${p.in} parameter \`${p.name}\``;
    const base_ = { where: place, source: "rule" as const, scope: `${op.key}|parameters` };
    if (before && !after) {
      emit({
        ...base_,
        severity: "breaking",
        code: "request.parameter.removed",
        what: `${p.in} parameter \`${p.name}\` removed`,
        why: "the generated type loses it: calls that pass it stop compiling, and the provider stops honouring it",
      });
    } else if (!before && after) {
      emit(
        after.required
          ? {
              ...base_,
              severity: "breaking",
              code: "request.parameter.added-required",
              what: `new required ${p.in} parameter \`${p.name}\``,
              why: "calls without it are now rejected",
            }
          : {
              ...base_,
              severity: "non-breaking",
              code: "request.parameter.added",
              what: `new optional ${p.in} parameter \`${p.name}\``,
              why: "calls without it stay valid",
            },
      );
    } else if (before && after) {
      if (before.required !== after.required) {
        emit(
          after.required
            ? {
                ...base_,
                severity: "breaking",
                code: "request.parameter.now-required",
                what: `${p.in} parameter \`${p.name}\`: optional -> required`,
                why: "calls without it are now rejected",
              }
            : {
                ...base_,
                severity: "non-breaking",
                code: "request.parameter.now-optional",
                what: `${p.in} parameter \`${p.name}\`: required -> optional`,
                why: "every call that was valid stays valid",
              },
        );
      }
      diffSchema(
        { base, head, direction: "request", scope: base_.scope, place, emit },
        before.schema,
        after.schema,
      );
    }
  }
}

function diffRequestBody(
  base: JsonObject,
  head: JsonObject,
  old: Operation,
  op: Operation,
  emit: (d: Difference) => void,
) {
  const scope = `${op.key}|request`;
  const where = `${op.key} request body`;
  const before = old.requestBody;
  const after = op.requestBody;
  if (!before && !after) return;
  if (before && !after) {
    emit({
      severity: "breaking",
      code: "request.body.removed",
      what: "request body removed",
      where,
      why: "calls that send one no longer match the operation",
      source: "rule",
      scope,
    });
    return;
  }
  if (!before && after) {
    emit(
      after.required
        ? {
            severity: "breaking",
            code: "request.body.added-required",
            what: "new required request body",
            where,
            why: "calls without a body are now rejected",
            source: "rule",
            scope,
          }
        : {
            severity: "non-breaking",
            code: "request.body.added",
            what: "new optional request body",
            where,
            why: "calls without a body stay valid",
            source: "rule",
            scope,
          },
    );
    return;
  }
  if (!before || !after) return;
  if (before.required !== after.required) {
    emit(
      after.required
        ? {
            severity: "breaking",
            code: "request.body.now-required",
            what: "request body: optional -> required",
            where,
            why: "calls without a body are now rejected",
            source: "rule",
            scope,
          }
        : {
            severity: "non-breaking",
            code: "request.body.now-optional",
            what: "request body: required -> optional",
            where,
            why: "every call that was valid stays valid",
            source: "rule",
            scope,
          },
    );
  }
  diffContent(base, head, before.content, after.content, "request", where, scope, emit);
}

function diffContent(
  base: JsonObject,
  head: JsonObject,
  before: JsonObject,
  after: JsonObject,
  direction: "request" | "response",
  place: string,
  scope: string,
  emit: (d: Difference) => void,
) {
  const types = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const mediaType of types) {
    const b = before[mediaType];
    const a = after[mediaType];
    if (b !== undefined && a === undefined) {
      emit({
        severity: "breaking",
        code: `${direction}.media-type.removed`,
        what: `media type ${mediaType} removed`,
        where: place,
        why:
          direction === "request"
            ? "calls that send it are rejected"
            : "consumers that read it no longer get it",
        source: "rule",
        scope,
      });
    } else if (b === undefined && a !== undefined) {
      emit({
        severity: "non-breaking",
        code: `${direction}.media-type.added`,
        what: `media type ${mediaType} added`,
        where: place,
        why: "an alternative: what worked before still works",
        source: "rule",
        scope,
      });
    } else if (isObject(b) && isObject(a)) {
      diffSchema({ base, head, direction, scope, place, emit }, b.schema, a.schema);
    }
  }
}
