// Property-based test of the sandbox, generated from the spec (fast-check). Two properties run
// against a real sandbox over loopback HTTP:
//
// 1. single requests: any operation, any caller, valid and invalid bodies (wrong types, bad
//    enum values, bad dates, a missing required key, non-object bodies, malformed JSON, other
//    media types), odd query values and ids of any shape, undeclared methods, paths without
//    their trailing slash; each with the status the spec's rules give for it;
// 2. stateful sequences (fc.commands) of create/get/patch/put/delete/list against a model.
//
// Every response of both is checked by test/property/http.ts: never a 5xx, a declared status
// with a body the spec's schema accepts, every 4xx one of the spec's error shapes.
//
// Bounded by count (numRuns), not time. Seeded: SANDBOX_PROPERTY_SEED=<int> replays a run,
// SANDBOX_PROPERTY_PATH=<path> goes straight to a reported counterexample, and
// SANDBOX_PROPERTY_RUNS=<factor> scales the number of runs (default 1).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../src/index.js";
import { loadBundledSpec, type ParameterInfo } from "../src/spec.js";
import {
  invalidValue,
  malformedId,
  oddText,
  validObject,
  validValue,
} from "./property/arbitraries.js";
import {
  type Answer,
  type Caller,
  fail,
  type Outgoing,
  send,
  type Target,
} from "./property/http.js";
import { buildSpecModel, type OperationModel, schemaAt } from "./property/spec-model.js";

const SEED = readInt("SANDBOX_PROPERTY_SEED", 20_251_211);
const RUNS = readInt("SANDBOX_PROPERTY_RUNS", 1);
const PATH = process.env.SANDBOX_PROPERTY_PATH || undefined;

function readInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${raw}`);
  return value;
}

const spec = buildSpecModel(loadBundledSpec());
const ops = spec.operations;
const byMethod = (method: string, templated: boolean) =>
  ops.find((op) => op.method === method && op.path.includes("{") === templated) as OperationModel;
const LIST = byMethod("get", false);
const CREATE = byMethod("post", false);
const GET = byMethod("get", true);
const PUT = byMethod("put", true);
const PATCH = byMethod("patch", true);
const DELETE = byMethod("delete", true);
const ID_PARAM = (GET.parameters.find((p) => p.in === "path") as ParameterInfo).name;
const FLAG = (op: OperationModel) =>
  op.parameters.find((p) => p.in === "query" && spec.queryKind(op, p) === "flag");
const [RELATION] = spec.relationKeys as [string];

// The sandbox's configuration: what the expectations below rest on (not its code).
const TOKENS = { "property-caller-org-1": 1, "property-caller-org-2": 2 };
const ACCOUNTS = {
  1: [7001, 7002, 7003, 7004, 7005, 7006],
  2: [8001, 8002, 8003],
  3: [9001],
} as const;
const DEFAULT_LIMIT = 4;
const MAX_LIMIT = 6;
const UNKNOWN_ID_MIN = 1_000_000_000;

let sandbox: Sandbox;
let target: Target;
const sent = { count: 0 };
const perProperty = { single: 0, stateful: 0 };

beforeAll(async () => {
  sandbox = await startSandbox({
    tokens: TOKENS,
    accounts: Object.fromEntries(
      Object.entries(ACCOUNTS).flatMap(([org, ids]) => ids.map((id) => [String(id), Number(org)])),
    ),
    providerStates: true,
    defaultLimit: DEFAULT_LIMIT,
    maxLimit: MAX_LIMIT,
    quiet: true,
  });
  const [org1, org2] = Object.keys(TOKENS) as [string, string];
  target = { url: sandbox.url, tokens: { org1, org2 }, spec, sent };
});

afterAll(async () => {
  await sandbox?.close();
});

/** Runs a property with the seed; on failure names the seed and how to replay it. */
async function check<T>(name: string, property: fc.IAsyncPropertyWithHooks<T>, numRuns: number) {
  const details = await fc.check(property, {
    seed: SEED,
    numRuns: numRuns * RUNS,
    ...(PATH ? { path: PATH } : {}),
  });
  if (details.failed) {
    const replay = `SANDBOX_PROPERTY_SEED=${details.seed}${details.counterexamplePath ? ` SANDBOX_PROPERTY_PATH=${details.counterexamplePath}` : ""}`;
    throw new Error(
      `${name}: property failed with seed ${details.seed}. Replay it with\n  ${replay} npx vitest run test/property.test.ts\n\n${fc.defaultReportMessage(details)}\n\n${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`,
    );
  }
}

const callerOrg = (caller: Caller) => (caller === "org1" ? 1 : caller === "org2" ? 2 : undefined);
const authenticated = (caller: Caller) => callerOrg(caller) !== undefined;
const keys = (body: unknown) =>
  body !== null && typeof body === "object" ? Object.keys(body).sort() : [];

function expectStatus(req: Outgoing, answer: Answer, ...statuses: number[]) {
  if (!statuses.includes(answer.status)) {
    fail(req, answer, `expected ${statuses.join(" or ")}`);
  }
}
/** The error map names every key of `expected`, and others only from `allowed`. */
function expectKeys(req: Outgoing, answer: Answer, expected: string[], allowed: string[] = []) {
  const got = keys(answer.body);
  if (
    !expected.every((k) => got.includes(k)) ||
    !got.every((k) => expected.includes(k) || allowed.includes(k))
  ) {
    fail(
      req,
      answer,
      `expected errors on ${JSON.stringify([...expected].sort())}${allowed.length ? ` (and maybe ${allowed.join(", ")})` : ""}`,
    );
  }
}
/** Each field sent is what the record now holds (JSON equality). */
function expectEchoed(req: Outgoing, answer: Answer, values: Record<string, unknown>) {
  const body = answer.body as Record<string, unknown>;
  for (const [name, value] of Object.entries(values)) {
    if (spec.fields.has(name) && JSON.stringify(body[name]) !== JSON.stringify(value)) {
      fail(req, answer, `field ${name}: expected ${JSON.stringify(value)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------------

type BodyCase =
  | { kind: "valid"; value: Record<string, unknown> }
  | { kind: "invalid"; value: Record<string, unknown>; fields: string[] }
  | { kind: "missing"; value: Record<string, unknown>; fields: string[] }
  | { kind: "notAnObject"; value: unknown }
  | { kind: "malformedJson"; text: string }
  | { kind: "otherMediaType"; text: string; contentType: string }
  | { kind: "form"; text: string };

function parentArb(org: 1 | 2 | 3) {
  return fc.constantFrom(...ACCOUNTS[org]);
}

/** Bodies for an operation with a JSON body; `relation` is the value of the relation key. */
function bodyCases(
  op: OperationModel,
  text: "exact" | "any",
  relation: fc.Arbitrary<unknown> = parentArb(1),
): fc.Arbitrary<BodyCase> {
  const overrides = op.bodyProperties.has(RELATION) ? { [RELATION]: relation } : {};
  const properties = new Map(
    [...op.bodyProperties].filter(([k]) => spec.fields.has(k) || k in overrides),
  );
  const valid = validObject(properties, op.bodyRequired, { text }, overrides);
  const invalidable = [...properties].flatMap(([name, schema]) => {
    const bad = invalidValue(schema);
    return bad ? [[name, bad] as const] : [];
  });
  const invalid = fc
    .tuple(
      valid,
      fc.uniqueArray(fc.constantFrom(...invalidable), {
        minLength: 1,
        maxLength: 3,
        selector: ([n]) => n,
      }),
    )
    .chain(([value, picked]) =>
      fc.tuple(...picked.map(([, arb]) => arb)).map((bad) => {
        const out = { ...value };
        picked.forEach(([name], i) => {
          out[name] = bad[i];
        });
        return { kind: "invalid" as const, value: out, fields: picked.map(([n]) => n) };
      }),
    );
  const cases: fc.Arbitrary<BodyCase>[] = [
    valid.map((value) => ({ kind: "valid" as const, value })),
    valid.map((value) => ({ kind: "valid" as const, value })),
    invalid,
    invalid,
    fc
      .oneof(
        fc.array(fc.jsonValue(), { maxLength: 3 }),
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
      )
      .map((value) => ({ kind: "notAnObject" as const, value })),
    fc
      .oneof(
        fc.constantFrom("{", '{"a":}', "[1,", "nul", "{'parent': 1}", " ", "\u0000", "{} {}"),
        fc.string({ minLength: 1, maxLength: 20 }),
      )
      .filter((t) => {
        try {
          JSON.parse(t);
          return false;
        } catch {
          return true;
        }
      })
      .map((text) => ({ kind: "malformedJson" as const, text })),
    fc
      .tuple(
        valid,
        fc.constantFrom("text/plain", "application/xml", "application/octet-stream", "text/csv"),
      )
      .map(([value, contentType]) => ({
        kind: "otherMediaType" as const,
        text: JSON.stringify(value),
        contentType,
      })),
    valid.map((value) => ({
      kind: "form" as const,
      text: new URLSearchParams(
        Object.entries(value).map(([k, v]) => [k, v === null ? "" : String(v)]),
      ).toString(),
    })),
  ];
  const required = op.bodyRequired;
  if (required.length) {
    cases.push(
      fc.tuple(valid, fc.subarray(required, { minLength: 1 })).map(([value, drop]) => {
        const out = { ...value };
        for (const k of drop) delete out[k];
        return { kind: "missing" as const, value: out, fields: drop };
      }),
    );
  }
  return fc.oneof(...cases);
}

function withBody(req: Outgoing, body: BodyCase): Outgoing {
  switch (body.kind) {
    case "valid":
    case "invalid":
    case "missing":
      return { ...req, json: body.value };
    case "notAnObject":
      // JSON null is sent as the text "null" (json: undefined would mean no body at all).
      return { ...req, raw: { text: JSON.stringify(body.value), contentType: "application/json" } };
    case "malformedJson":
      return { ...req, raw: { text: body.text, contentType: "application/json" } };
    case "otherMediaType":
      return { ...req, raw: { text: body.text, contentType: body.contentType } };
    case "form":
      return { ...req, raw: { text: body.text, contentType: "application/x-www-form-urlencoded" } };
  }
}

/** The status and error keys the spec's rules give a body, once the record is known. */
function expectBody(
  req: Outgoing,
  answer: Answer,
  body: BodyCase,
  okStatus: number[],
  alsoAllowed: string[] = [],
) {
  switch (body.kind) {
    case "valid":
      expectStatus(req, answer, ...okStatus);
      return;
    case "form":
      // Form values arrive as text; how each one reads is DRF's business: invariants only.
      return;
    case "invalid":
    case "missing":
      expectStatus(req, answer, 400);
      expectKeys(req, answer, body.fields, alsoAllowed);
      return;
    case "notAnObject":
    case "malformedJson":
      expectStatus(req, answer, 400);
      // The error is about the body as a whole: no field is named.
      if (keys(answer.body).some((k) => spec.fields.has(k) || k === RELATION)) {
        fail(req, answer, "a body-level error names a field");
      }
      return;
    case "otherMediaType":
      expectStatus(req, answer, 415);
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// Property 1: single requests
// ---------------------------------------------------------------------------------------------

const callerArb: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Caller>("org1") },
  { weight: 2, arbitrary: fc.constant<Caller>("org2") },
  { weight: 1, arbitrary: fc.constantFrom<Caller>("none", "unknown") },
);

/** What a query value names: an existing row (any organization), an organization (ours or
 * not, decided by the caller), no row, nothing well-formed, or a free value. */
type FilterState = "exists" | "organization" | "unknown" | "malformed" | "free";

/** A value for one query parameter, with what the spec's rules say of it. */
function queryValue(op: OperationModel, param: ParameterInfo): fc.Arbitrary<[string, FilterState]> {
  const kind = spec.queryKind(op, param);
  const schema = schemaAt(spec.doc, param.schemaPointer);
  const plain = validValue({ ...schema, nullable: false }, { text: "exact" }).map(String);
  switch (kind) {
    case "flag":
    case "pagination":
      return fc.oneof(plain, oddText).map((v) => [v, "free"]);
    case "filter":
      // A record's relation: an account id (ours, another organization's, or none).
      return fc.oneof(
        parentArb(1).map((v) => [String(v), "exists"] as [string, FilterState]),
        fc
          .oneof(parentArb(2), parentArb(3))
          .map((v) => [String(v), "exists"] as [string, FilterState]),
        fc
          .integer({ min: UNKNOWN_ID_MIN, max: 2 ** 40 })
          .map((v) => [String(v), "unknown"] as [string, FilterState]),
        malformedId.map((v) => [v, "malformed"] as [string, FilterState]),
      );
    case "lookup":
      // A lookup through the relation to its organization: ours, another one, or none.
      return fc.oneof(
        fc.constantFrom("1", "2", "3").map((v) => [v, "organization"] as [string, FilterState]),
        fc
          .integer({ min: UNKNOWN_ID_MIN, max: 2 ** 40 })
          .map((v) => [String(v), "unknown"] as [string, FilterState]),
        malformedId.map((v) => [v, "malformed"] as [string, FilterState]),
      );
  }
}

function queryArb(op: OperationModel): fc.Arbitrary<[string, string, FilterState][]> {
  const params = op.parameters.filter((p) => p.in === "query");
  return fc
    .tuple(...params.map((p) => fc.option(queryValue(op, p), { freq: 2 })))
    .map((values) =>
      values.flatMap((v, i) =>
        v ? [[(params[i] as ParameterInfo).name, v[0], v[1]] as [string, string, FilterState]] : [],
      ),
    );
}

const queryString = (query: [string, string, FilterState][]) => {
  const text = new URLSearchParams(query.map(([k, v]) => [k, v])).toString();
  return text ? `?${text}` : "";
};

type IdCase = { kind: "own" } | { kind: "otherOrganization" } | { kind: "unknown"; text: string };

const oddIdArb: fc.Arbitrary<IdCase> = fc
  .oneof(
    fc.integer({ min: UNKNOWN_ID_MIN, max: Number.MAX_SAFE_INTEGER }).map(String),
    fc.bigInt({ min: 2n ** 53n, max: 2n ** 100n }).map(String),
    fc.integer({ min: -(2 ** 40), max: 0 }).map(String),
    fc.constantFrom("0", "-0", "1.0", "1e3", "abc", "%20", "null", "1_0"),
    fc.string({ maxLength: 10 }),
  )
  // "", "." and ".." make another path (an empty segment, or ones URL parsing removes).
  .filter(
    (t) =>
      t !== "" &&
      t !== "." &&
      t !== ".." &&
      !t.includes("/") &&
      !t.includes("?") &&
      !t.includes("#"),
  )
  .filter((t) => !/^0*[1-9]\d{0,8}$/.test(t.trim()))
  .map((text) => ({ kind: "unknown" as const, text }));

const idArb: fc.Arbitrary<IdCase> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<IdCase>({ kind: "own" }) },
  { weight: 1, arbitrary: fc.constant<IdCase>({ kind: "otherOrganization" }) },
  { weight: 3, arbitrary: oddIdArb },
);

type Single =
  | { kind: "list"; caller: Caller; query: [string, string, FilterState][]; unslashed: boolean }
  | { kind: "create"; caller: Caller; body: BodyCase; unslashed: boolean }
  | {
      kind: "one";
      operationId: string;
      caller: Caller;
      id: IdCase;
      query: [string, string, FilterState][];
      body?: BodyCase;
      unslashed: boolean;
    }
  | { kind: "method"; operationId: string; method: string; caller: Caller };

const unslashedArb = fc.oneof(
  { weight: 15, arbitrary: fc.constant(false) },
  { weight: 1, arbitrary: fc.constant(true) },
);

function singleArb(): fc.Arbitrary<Single> {
  const oneOps = [GET, PUT, PATCH, DELETE];
  const undeclared = [...spec.methodsByPath].flatMap(([path, methods]) =>
    ["GET", "POST", "PUT", "PATCH", "DELETE"]
      .filter((m) => !methods.includes(m))
      .map((m) => [(ops.find((op) => op.path === path) as OperationModel).operationId, m] as const),
  );
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant("list" as const),
        caller: callerArb,
        query: queryArb(LIST),
        unslashed: unslashedArb,
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("create" as const),
        caller: callerArb,
        body: bodyCases(
          CREATE,
          "any",
          fc.oneof(
            parentArb(1),
            parentArb(1),
            parentArb(2),
            fc.integer({ min: UNKNOWN_ID_MIN, max: 2 ** 40 }),
          ),
        ),
        unslashed: unslashedArb,
      }),
    },
    ...oneOps.map((op) => ({
      weight: op === DELETE ? 1 : 3,
      arbitrary: fc.record(
        {
          kind: fc.constant("one" as const),
          operationId: fc.constant(op.operationId),
          caller: callerArb,
          // Property 1 never deletes its own fixture record (property 2 deletes).
          id:
            op === DELETE
              ? fc.oneof(oddIdArb, fc.constant<IdCase>({ kind: "otherOrganization" }))
              : idArb,
          query: queryArb(op),
          body: op.bodySchemaPointer ? bodyCases(op, "exact") : fc.constant(undefined),
          unslashed: unslashedArb,
        },
        { requiredKeys: ["kind", "operationId", "caller", "id", "query", "unslashed"] },
      ),
    })),
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...undeclared), callerArb)
        .map(([[operationId, method], caller]) => ({
          kind: "method" as const,
          operationId,
          method,
          caller,
        })),
    },
  );
}

describe("property: single requests generated from the spec", () => {
  /** The fixture record of organization 1 and of organization 2. */
  const fixture = { org1: 0, org2: 0 };

  beforeAll(async () => {
    // One record per organization, for the id of an existing record (own and another's).
    for (const [caller, parent] of [
      ["org1", ACCOUNTS[1][0]],
      ["org2", ACCOUNTS[2][0]],
    ] as const) {
      const req: Outgoing = {
        operationId: CREATE.operationId,
        method: "POST",
        path: CREATE.path,
        caller,
        json: { [RELATION]: parent },
      };
      const answer = await send(target, req);
      expectStatus(req, answer, 201);
      fixture[caller] = (answer.body as { id: number }).id;
    }
  });

  const pathFor = (
    caller: Caller,
    op: OperationModel,
    id: IdCase | undefined,
    unslashed: boolean,
    query: string,
  ) => {
    let path = op.path;
    if (id) {
      // "own" is the caller's organization's record; a caller without one gets organization 1's.
      const mine = caller === "org2" ? "org2" : "org1";
      const theirs = mine === "org1" ? "org2" : "org1";
      const text =
        id.kind === "unknown"
          ? encodeURIComponent(id.text)
          : String(fixture[id.kind === "own" ? mine : theirs]);
      path = path.replace(`{${ID_PARAM}}`, text);
    }
    if (unslashed) path = path.replace(/\/$/, "");
    return `${path}${query}`;
  };

  it("answers every request within the spec, with the status its rules give", async () => {
    await check(
      "single requests",
      fc.asyncProperty(singleArb(), async (single) => {
        if (single.kind === "method") {
          const op = spec.byId.get(single.operationId) as OperationModel;
          const req: Outgoing = {
            operationId: op.operationId,
            method: single.method,
            caller: single.caller,
            path: pathFor(single.caller, op, { kind: "own" }, false, ""),
          };
          const answer = await send(
            target,
            single.method === "GET" || single.method === "DELETE" ? req : { ...req, json: {} },
          );
          expectStatus(req, answer, authenticated(single.caller) ? 405 : 401);
          return;
        }
        const op =
          single.kind === "list"
            ? LIST
            : single.kind === "create"
              ? CREATE
              : (spec.byId.get(single.operationId) as OperationModel);
        const id = single.kind === "one" ? single.id : undefined;
        const query = single.kind === "create" ? [] : single.query;
        let req: Outgoing = {
          operationId: op.operationId,
          method: op.method.toUpperCase(),
          caller: single.caller,
          path: pathFor(single.caller, op, id, single.unslashed, queryString(query)),
        };
        const body = single.kind === "list" ? undefined : single.body;
        if (body) req = withBody(req, body);
        const answer = await send(target, req);

        if (single.unslashed) {
          // APPEND_SLASH runs before any view: whoever asks, whatever the body; but only when
          // the slashed path exists (DRF's router takes ids of `[^/.]+`: a dotted one is a 404).
          const dotted = id?.kind === "unknown" && id.text.includes(".");
          expectStatus(req, answer, dotted ? 404 : 301);
          return;
        }
        if (!authenticated(single.caller)) {
          expectStatus(req, answer, 401);
          return;
        }
        if (single.kind === "list") {
          const invalid = query
            .filter(([, v, s]) => v !== "" && (s === "malformed" || s === "unknown"))
            .map(([k]) => k);
          if (invalid.length) {
            expectStatus(req, answer, 400);
            expectKeys(req, answer, invalid);
          } else if (
            query.some(([, v, s]) => s === "organization" && v !== String(callerOrg(single.caller)))
          ) {
            expectStatus(req, answer, 403);
          } else {
            // limit, offset and the flag never make a 400, whatever their text.
            expectStatus(req, answer, 200);
          }
          return;
        }
        if (single.kind === "create") {
          if (body?.kind === "valid") {
            const parent = body.value[RELATION] as number;
            const mine = ACCOUNTS[callerOrg(single.caller) as 1 | 2] as readonly number[];
            if (mine.includes(parent)) {
              expectStatus(req, answer, 201, 409);
              if (answer.status === 201) expectEchoed(req, answer, body.value);
            } else {
              expectStatus(req, answer, 400);
              expectKeys(req, answer, [RELATION]);
            }
          } else if (body) {
            // A parent of another organization, or none, may be named beside the other errors.
            expectBody(req, answer, body, [201, 409], [RELATION]);
          }
          return;
        }
        // A record is found before its body is read (DRF's get_object, then the serializer).
        if (single.id.kind === "unknown") {
          expectStatus(req, answer, 404);
          return;
        }
        if (single.id.kind === "otherOrganization") {
          expectStatus(req, answer, 403);
          return;
        }
        if (op === GET) {
          expectStatus(req, answer, 200);
          const flag = FLAG(op);
          const asked = single.query.find(([k]) => k === flag?.name)?.[1];
          if (flag && (asked === "true" || asked === undefined)) {
            const has = keys(answer.body).includes(flag.name);
            if (has !== (asked === "true"))
              fail(req, answer, `${flag.name} present: ${has}, asked: ${asked}`);
          }
          return;
        }
        if (body) {
          expectBody(req, answer, body, [200]);
          if (body.kind === "valid") expectEchoed(req, answer, body.value);
        }
      }),
      1500,
    );
    perProperty.single = sent.count;
  });
});

// ---------------------------------------------------------------------------------------------
// Property 2: stateful sequences against a model
// ---------------------------------------------------------------------------------------------

interface ModelRecord {
  org: 1 | 2;
  parent: number;
  values: Record<string, unknown>;
}
interface Model {
  records: Map<number, ModelRecord>;
  deleted: number[];
}
interface Real {
  unused?: never;
}

/** Which record a command acts on, resolved against the model when it runs. */
type Pick = { from: "live" | "deleted" | "never"; index: number };
const pickArb: fc.Arbitrary<Pick> = fc.record({
  from: fc.oneof(
    { weight: 6, arbitrary: fc.constant("live" as const) },
    { weight: 1, arbitrary: fc.constantFrom("deleted" as const, "never" as const) },
  ),
  index: fc.nat(50),
});
const orgArb = fc.constantFrom<1 | 2>(1, 1, 2);
const callerOf = (org: 1 | 2): Caller => (org === 1 ? "org1" : "org2");

function resolve(model: Model, pick: Pick): number {
  const live = [...model.records.keys()].sort((a, b) => a - b);
  if (pick.from === "live" && live.length) return live[pick.index % live.length] as number;
  if (pick.from === "deleted" && model.deleted.length) {
    return model.deleted[pick.index % model.deleted.length] as number;
  }
  return UNKNOWN_ID_MIN + pick.index;
}

const idPath = (op: OperationModel, id: number, query = "") =>
  `${op.path.replace(`{${ID_PARAM}}`, String(id))}${query}`;

/** The record the response holds is the model's (every writable field, id, parent if given). */
function expectRecord(req: Outgoing, answer: Answer, id: number, record: ModelRecord) {
  const body = answer.body as Record<string, unknown>;
  if (body.id !== id) fail(req, answer, `expected record ${id}`);
  if (RELATION in body && body[RELATION] !== record.parent) {
    fail(req, answer, `expected ${RELATION} ${record.parent}`);
  }
  expectEchoed(req, answer, record.values);
}

/**
 * A target's expected status before its body is read: 404 when no record has the id, 403 when
 * another organization's, else undefined (the operation proceeds).
 */
function denied(model: Model, id: number, org: 1 | 2): 403 | 404 | undefined {
  const record = model.records.get(id);
  if (!record) return 404;
  return record.org === org ? undefined : 403;
}

class Create implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly org: 1 | 2,
    readonly parent: number,
    readonly values: Record<string, unknown>,
  ) {}
  check = () => true;
  async run(model: Model) {
    const req: Outgoing = {
      operationId: CREATE.operationId,
      method: "POST",
      path: CREATE.path,
      caller: callerOf(this.org),
      json: { ...this.values, [RELATION]: this.parent },
    };
    const answer = await send(target, req);
    const ownsParent = (ACCOUNTS[this.org] as readonly number[]).includes(this.parent);
    const taken = [...model.records.values()].some((r) => r.parent === this.parent);
    if (!ownsParent) {
      expectStatus(req, answer, 400);
      expectKeys(req, answer, [RELATION]);
      return;
    }
    if (taken) {
      expectStatus(req, answer, 409);
      return;
    }
    expectStatus(req, answer, 201);
    const id = (answer.body as { id: number }).id;
    if (model.records.has(id) || model.deleted.includes(id)) fail(req, answer, `id ${id} reused`);
    const values = Object.fromEntries(
      [...spec.fields.keys()].map((k) => [
        k,
        k in this.values ? this.values[k] : spec.resetValue(k),
      ]),
    );
    const record: ModelRecord = { org: this.org, parent: this.parent, values };
    expectRecord(req, answer, id, record);
    model.records.set(id, record);
  }
  toString = () =>
    `create(org ${this.org}, ${RELATION} ${this.parent}, ${JSON.stringify(this.values)})`;
}

/**
 * Sends `op` as `org` for the record `pick` names. When the model says the caller is refused
 * (404 or 403), checks that refusal and gives undefined; else gives what the test checks next.
 */
async function itemRequest(
  model: Model,
  op: OperationModel,
  org: 1 | 2,
  pick: Pick,
  json?: Record<string, unknown>,
) {
  const id = resolve(model, pick);
  const req: Outgoing = {
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: idPath(op, id),
    caller: callerOf(org),
    ...(json === undefined ? {} : { json }),
  };
  const answer = await send(target, req);
  const status = denied(model, id, org);
  if (status) {
    expectStatus(req, answer, status);
    return undefined;
  }
  return { id, req, answer };
}

class Read implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly org: 1 | 2,
    readonly pick: Pick,
  ) {}
  check = () => true;
  async run(model: Model) {
    const sent = await itemRequest(model, GET, this.org, this.pick);
    if (!sent) return;
    expectStatus(sent.req, sent.answer, 200);
    expectRecord(sent.req, sent.answer, sent.id, model.records.get(sent.id) as ModelRecord);
  }
  toString = () => `get(org ${this.org}, ${JSON.stringify(this.pick)})`;
}

class Write implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly operationId: string,
    readonly org: 1 | 2,
    readonly pick: Pick,
    readonly values: Record<string, unknown>,
  ) {}
  check = () => true;
  async run(model: Model) {
    const op = spec.byId.get(this.operationId) as OperationModel;
    const sent = await itemRequest(model, op, this.org, this.pick, this.values);
    if (!sent) return;
    expectStatus(sent.req, sent.answer, 200);
    // PUT as PATCH: the fields sent change, those left out keep their values (DRF's update).
    const record = model.records.get(sent.id) as ModelRecord;
    const next = { ...record, values: { ...record.values, ...this.values } };
    expectRecord(sent.req, sent.answer, sent.id, next);
    model.records.set(sent.id, next);
  }
  toString = () =>
    `${this.operationId}(org ${this.org}, ${JSON.stringify(this.pick)}, ${JSON.stringify(this.values)})`;
}

class Remove implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly org: 1 | 2,
    readonly pick: Pick,
  ) {}
  check = () => true;
  async run(model: Model) {
    const sent = await itemRequest(model, DELETE, this.org, this.pick);
    if (!sent) return;
    expectStatus(sent.req, sent.answer, 204);
    model.records.delete(sent.id);
    model.deleted.push(sent.id);
    // DELETE then GET is a 404.
    const again: Outgoing = { ...sent.req, operationId: GET.operationId, method: "GET" };
    expectStatus(again, await send(target, again), 404);
  }
  toString = () => `delete(org ${this.org}, ${JSON.stringify(this.pick)})`;
}

/** Python's int() on the texts generated for limit and offset (no underscores among them). */
const pyInt = (text: string | undefined) =>
  text !== undefined && /^\s*[+-]?\d+\s*$/.test(text) ? Number.parseInt(text, 10) : undefined;

class List implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly org: 1 | 2,
    readonly parent: { kind: "none" } | { kind: "account"; org: 1 | 2 | 3; index: number },
    readonly limit: string | undefined,
    readonly offset: string | undefined,
  ) {}
  check = () => true;
  async run(model: Model) {
    const names = Object.fromEntries(
      LIST.parameters.filter((p) => p.in === "query").map((p) => [spec.queryKind(LIST, p), p.name]),
    );
    const pagination = LIST.parameters.filter(
      (p) => p.in === "query" && spec.queryKind(LIST, p) === "pagination",
    );
    const [limitName, offsetName] = pagination.map((p) => p.name) as [string, string];
    const query: [string, string][] = [];
    let parent: number | undefined;
    if (this.parent.kind === "account") {
      const pool = ACCOUNTS[this.parent.org];
      parent = pool[this.parent.index % pool.length] as number;
      query.push([names.filter as string, String(parent)]);
    }
    if (this.limit !== undefined) query.push([limitName, this.limit]);
    if (this.offset !== undefined) query.push([offsetName, this.offset]);
    const qs = new URLSearchParams(query).toString();
    const req: Outgoing = {
      operationId: LIST.operationId,
      method: "GET",
      path: `${LIST.path}${qs ? `?${qs}` : ""}`,
      caller: callerOf(this.org),
    };
    const answer = await send(target, req);
    expectStatus(req, answer, 200);
    // LimitOffsetPagination: a missing, malformed or non-positive limit is the default page
    // size, a larger one is clamped; a malformed or negative offset is 0.
    const l = pyInt(this.limit);
    const limit = l === undefined || l <= 0 ? DEFAULT_LIMIT : Math.min(l, MAX_LIMIT);
    const o = pyInt(this.offset);
    const offset = o === undefined || o < 0 ? 0 : o;
    const matching = [...model.records].filter(
      ([, r]) => r.org === this.org && (parent === undefined || r.parent === parent),
    );
    const page = answer.body as {
      count: number;
      next: string | null;
      previous: string | null;
      results: Record<string, unknown>[];
    };
    if (page.count !== matching.length) fail(req, answer, `expected count ${matching.length}`);
    const size = Math.max(0, Math.min(limit, matching.length - offset));
    if (page.results.length !== size) fail(req, answer, `expected ${size} results`);
    if ((page.next === null) !== offset + limit >= matching.length)
      fail(req, answer, "next is wrong");
    if ((page.previous === null) !== (offset === 0)) fail(req, answer, "previous is wrong");
    const seen = new Set<unknown>();
    for (const result of page.results) {
      const record = model.records.get(result.id as number);
      if (!record || !matching.some(([id]) => id === result.id))
        fail(req, answer, `unexpected record ${String(result.id)}`);
      if (seen.has(result.id)) fail(req, answer, `record ${String(result.id)} twice`);
      seen.add(result.id);
      expectRecord(req, { ...answer, body: result }, result.id as number, record);
    }
  }
  toString = () =>
    `list(org ${this.org}, ${JSON.stringify(this.parent)}, limit ${JSON.stringify(this.limit)}, offset ${JSON.stringify(this.offset)})`;
}

function commandsArb() {
  const fields = (op: OperationModel) =>
    validObject(new Map([...op.bodyProperties].filter(([k]) => spec.fields.has(k))), [], {
      text: "exact",
    });
  const pageText = fc.option(
    fc.oneof(
      fc.integer({ min: -3, max: MAX_LIMIT + 3 }).map(String),
      fc.constantFrom("", "abc", "1.5", " 2 ", "+1", "99999999999999999999"),
    ),
    { nil: undefined },
  );
  return fc.commands(
    [
      fc
        .tuple(orgArb, fc.constantFrom(...ACCOUNTS[1], ...ACCOUNTS[2]), fields(CREATE))
        .map(([org, parent, values]) => new Create(org, parent, values)),
      fc.tuple(orgArb, pickArb).map(([org, pick]) => new Read(org, pick)),
      ...[PUT, PATCH].map((op) =>
        fc
          .tuple(orgArb, pickArb, fields(op))
          .map(([org, pick, values]) => new Write(op.operationId, org, pick, values)),
      ),
      fc.tuple(orgArb, pickArb).map(([org, pick]) => new Remove(org, pick)),
      fc
        .tuple(
          orgArb,
          fc.oneof(
            fc.constant({ kind: "none" as const }),
            fc.record({
              kind: fc.constant("account" as const),
              org: fc.constantFrom<1 | 2 | 3>(1, 2, 3),
              index: fc.nat(9),
            }),
          ),
          pageText,
          pageText,
        )
        .map(([org, parent, limit, offset]) => new List(org, parent, limit, offset)),
    ],
    { maxCommands: 25, size: "large" },
  );
}

describe("property: stateful sequences against a model", () => {
  it("create/get/patch/put/delete/list agree with the model", async () => {
    await check(
      "stateful sequences",
      fc.asyncProperty(commandsArb(), async (commands) => {
        // Each sequence starts from an empty sandbox (the provider-state teardown).
        const reset = await fetch(sandbox.providerStatesUrl as string, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ state: "the caller is not authenticated", action: "teardown" }),
        });
        expect(reset.status).toBe(200);
        await reset.text();
        const model: Model = { records: new Map(), deleted: [] };
        await fc.asyncModelRun(() => ({ model, real: {} }), commands);
      }),
      200,
    );
    perProperty.stateful = sent.count - perProperty.single;
  });
});

describe("the properties' reach", () => {
  it("sent thousands of requests", () => {
    // Count-bounded: a change that made generation degenerate fails here.
    console.log(
      `property test: ${sent.count} requests (single ${perProperty.single}, stateful ${perProperty.stateful}), seed ${SEED}`,
    );
    expect(perProperty.single).toBeGreaterThanOrEqual(1500 * RUNS);
    expect(perProperty.stateful).toBeGreaterThanOrEqual(1000 * RUNS);
  });
});
