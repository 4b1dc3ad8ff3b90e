// The HTTP server, on node:http: the spec's six operations routed from the spec's own paths
// (routes.ts) and validated by the validators compiled from it. Where the spec leaves behaviour
// to the provider, the server does what stock Django REST Framework and django-filter do (each
// rule cites where; the spec's description lists them). A record's JSON is built by SQLite and
// sent as it comes: no object is read out of a row to be serialized again.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { UserExtra, UserExtraPage } from "@user-extra/types";
import { fromForm, parseBody, truthy } from "./body.js";
import { deviceInfo } from "./device-info.js";
import { badRequest, conflict, forbidden, HttpError, notFound, unauthorized } from "./errors.js";
import { readBody, writeAnswer } from "./http.js";
import { PageCache } from "./page-cache.js";
import { pageLinks, pythonInt, readLimit, readOffset } from "./pagination.js";
import { handleProviderState, type ProviderStateContext } from "./provider-states.js";
import { type ApiRoute, Routes } from "./routes.js";
import type { OpenApiDocument } from "./spec.js";
import type { FieldValues, RecordJson, Store } from "./store.js";
import { type AccountMap, readBearer, type Tokens } from "./tokens.js";
import type { OperationValidators, Validator } from "./validation.js";
import { WriteBatch } from "./write-batch.js";

export const PROVIDER_STATES_PATH = "/_pact/provider-states";

export interface AppContext {
  spec: OpenApiDocument;
  store: Store;
  tokens: Tokens;
  validators: Map<string, OperationValidators>;
  /** The configured public base URL (`--public-base-url`), if any; else built from Host. */
  publicBaseUrl: () => string | undefined;
  defaultLimit: number;
  maxLimit: number;
  /** The configured accounts, put back after a provider-state teardown. */
  accounts: AccountMap;
  bodyLimit: number;
  providerStates: boolean;
  seed: number;
}

export interface App {
  server: Server;
  listen(options: { port: number; host: string }): Promise<void>;
  /** Stops accepting, lets requests in flight finish, closes idle keep-alive connections. */
  close(): Promise<void>;
}

/** One request on its way through the server. */
interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  method: string;
  /** The query string as sent (without `?`). */
  rawQuery: string;
  params: Record<string, string>;
  /** The caller's organization, once authenticated. */
  organizationId: number;
  bytes: Buffer | undefined;
  query: URLSearchParams | undefined;
}

type Handler = (call: Call, op: OperationValidators) => Promise<void> | void;

/** The path prefix of the spec's first server (`/api/v1`). */
export function basePath(spec: OpenApiDocument): string {
  const servers = (spec as unknown as { servers?: { url: string }[] }).servers;
  const url = servers?.[0]?.url ?? "/";
  const path = new URL(url, "http://placeholder").pathname;
  return path.replace(/\/+$/, "");
}

// django-filter's ModelChoiceFilter message for a value that names nothing.
const INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices.";
// DRF's ProhibitNullCharactersValidator message (every CharField has it).
const NULL_CHARACTERS = "Null characters are not allowed.";
// DRF's NON_FIELD_ERRORS_KEY: an error about the body as a whole (not an object) stands alone.
const NON_FIELD_KEY = "non_field_errors";
// DRF's SimpleMetadata answer to OPTIONS.
const OPTIONS_BODY = JSON.stringify({
  name: "User Extra",
  renders: ["application/json"],
  parses: ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
});
const NOT_FOUND_BODY = JSON.stringify({ detail: "Not found." });
const CLOSE_PAGE = Buffer.from("]}");

/**
 * A body's parts as one buffer while it is small (one write); a big page stays in parts, so no
 * 700 kB buffer is allocated (fresh memory, page-faulted in) only to be copied once.
 */
function joinSmall(parts: Buffer[]): Buffer[] {
  const size = parts.reduce((n, b) => n + b.length, 0);
  return size <= 64 * 1024 ? [Buffer.concat(parts, size)] : parts;
}

/** The last value of a query parameter, as Django's QueryDict gives it; "" counts as absent. */
function param(call: Call, name: string): string | undefined {
  if (call.rawQuery === "") return undefined;
  call.query ??= new URLSearchParams(call.rawQuery);
  const values = call.query.getAll(name);
  const value = values[values.length - 1];
  return value !== undefined && value !== "" ? value : undefined;
}

/** A path id: a positive integer JavaScript holds exactly, else no record has it (404). */
function pathId(call: Call): number {
  const text = call.params.id ?? "";
  const id = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw notFound();
  return id;
}

/** The writable fields present in a validated body (unknown keys and `parent` are ignored). */
function pickFields(store: Store, body: Record<string, unknown>): FieldValues {
  const out: FieldValues = {};
  for (const field of store.fields) {
    if (field.name in body) out[field.name] = body[field.name] as FieldValues[string];
  }
  return out;
}

/** The digits of an integer field as sent, for messages about values JSON.parse rounded. */
function rawInteger(call: Call, name: string): string | undefined {
  const text = call.bytes ? call.bytes.toString("utf8") : "";
  return new RegExp(`"${name}"\\s*:\\s*(-?\\d+)`).exec(text)?.[1];
}

export function buildApp(ctx: AppContext): App {
  const { store, tokens } = ctx;
  const prefix = basePath(ctx.spec);
  const routes = new Routes(ctx.spec, prefix);
  const integerNames = [
    "parent",
    ...store.fields.filter((f) => f.type === "integer").map((f) => f.name),
  ];

  const pages = new PageCache();
  const writes = new WriteBatch(store);
  const send = (
    call: Call,
    status: number,
    body?: string | Buffer[],
    headers: Record<string, string> = {},
  ) => writeAnswer(call.res, status, { ...headers, "x-request-id": call.requestId }, body);

  const fail = (call: Call, route: string, error: unknown) => {
    if (error instanceof HttpError) {
      send(call, error.status, JSON.stringify(error.body), error.headers);
      return;
    }
    // An unexpected failure: say so without internals; the server log gets the stack (the
    // route's template, never the URL or a header: no token can end up in it).
    const e = error as Error;
    process.stderr.write(
      `user-extra-sandbox: ${call.method} ${route} failed: ${e?.stack ?? String(error)}\n`,
    );
    send(call, 500, JSON.stringify({ detail: "A server error occurred." }));
  };

  /** Runs a handler, sync or async, answering whatever it throws. */
  const run = (call: Call, route: string, fn: () => Promise<void> | void) => {
    try {
      const done = fn();
      if (done) done.catch((error) => fail(call, route, error));
    } catch (error) {
      fail(call, route, error);
    }
  };

  const authenticate = (call: Call) => {
    const bearer = readBearer(call.req.headers.authorization);
    if (!bearer.ok) throw unauthorized(bearer.detail);
    const org = tokens.organizationOf(bearer.token);
    if (org === undefined) throw unauthorized("Invalid token.");
    call.organizationId = org;
  };

  /** The API's absolute base URL for this request: configured, else from Host (Django's build_absolute_uri). */
  const apiBase = (call: Call): string => {
    const configured = ctx.publicBaseUrl();
    if (configured) return configured;
    const host =
      call.req.headers.host ?? `${call.req.socket.localAddress}:${call.req.socket.localPort}`;
    return `http://${host}${prefix}`;
  };

  /** A record the caller may act on, as JSON: 404 when unknown, 403 when another organization's. */
  const ownRecord = (call: Call): RecordJson => {
    const found = store.recordJson(pathId(call));
    if (!found) throw notFound();
    if (found.organizationId !== call.organizationId) throw forbidden();
    return found;
  };

  /** After a write found no record of the caller's: 404 if there is none, else 403. */
  const refusal = (id: number) =>
    store.recordOrganization(id) === undefined ? notFound() : forbidden();

  const withDevice = (json: string): string => {
    const record = JSON.parse(json) as UserExtra;
    return JSON.stringify({ ...record, device_info: deviceInfo(record) });
  };

  /**
   * The request body parsed by DRF's parsers and checked against the operation's schema, then
   * for integers JavaScript cannot hold exactly (answered 400, never rounded nor a 500).
   */
  const checkedBody = async (call: Call, op: OperationValidators, partial: boolean) => {
    const parsed = await parseBody({
      contentType: call.req.headers["content-type"],
      bytes: call.bytes,
    });
    const input = parsed.form
      ? fromForm(parsed.value as Record<string, string>, store.fields, partial)
      : parsed.value;
    const result = (op.body as Validator)(input);
    // Every field's errors at once, as DRF's serializer reports them: the schema's, then the
    // checks the schema cannot express, for the fields the schema let through.
    const errors: Record<string, string[]> = result.ok ? {} : { ...result.errors };
    const body = (
      result.ok ? result.value : input !== null && typeof input === "object" ? input : {}
    ) as Record<string, unknown>;
    if (!result.ok && NON_FIELD_KEY in errors) throw badRequest(errors);
    for (const name of integerNames) {
      const value = body[name];
      if (name in errors || typeof value !== "number" || !Number.isInteger(value)) continue;
      if (Number.isSafeInteger(value)) continue;
      errors[name] =
        name === "parent"
          ? [`Invalid pk "${rawInteger(call, name) ?? value}" - object does not exist.`]
          : [`Ensure this value is less than or equal to ${Number.MAX_SAFE_INTEGER}.`];
    }
    // DRF's CharField carries ProhibitNullCharactersValidator: text with a NUL is refused (and
    // SQLite would cut it there, silently).
    for (const field of store.fields) {
      const value = body[field.name];
      if (field.name in errors || field.type !== "string" || typeof value !== "string") continue;
      if (value.includes("\u0000")) errors[field.name] = [NULL_CHARACTERS];
    }
    if (Object.keys(errors).length) throw badRequest(errors);
    return body;
  };

  /**
   * PUT and PATCH: one UPDATE of the given columns, matching the record's id and organization,
   * that answers the record. DRF answers 404 or 403 before it reads the body: a body it would
   * refuse is only reported once the record is known to be there and the caller's.
   */
  const writeFields = async (call: Call, op: OperationValidators, partial: boolean) => {
    const id = pathId(call);
    let values: FieldValues;
    try {
      values = pickFields(store, await checkedBody(call, op, partial));
    } catch (error) {
      if (error instanceof HttpError) {
        const owner = store.recordOrganization(id);
        if (owner === undefined) throw notFound();
        if (owner !== call.organizationId) throw forbidden();
      }
      throw error;
    }
    const updated = await writes.submit(() =>
      store.updateRecordJson(id, call.organizationId, values),
    );
    if (!updated) throw refusal(id);
    send(call, 200, updated.json);
  };

  /** django-filter's ModelChoiceFilter: a value must name an existing row, else 400 on the filter. */
  const choice = (call: Call, name: string, exists: (id: number) => boolean) => {
    const text = param(call, name);
    if (text === undefined) return undefined;
    const value = pythonInt(text);
    const id =
      value !== undefined && value > 0n && value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value)
        : 0;
    if (!id || !exists(id)) return { error: [name, INVALID_CHOICE] as const };
    return { id };
  };

  const handlers: Record<string, Handler> = {
    listUserExtras: (call) => {
      const { organizationId } = call;
      const parent = choice(call, "parent", (id) => store.account(id) !== undefined);
      const organization = choice(call, "parent__organization_id", (id) =>
        store.organizationIds().includes(id),
      );
      const errors = Object.fromEntries(
        [parent?.error, organization?.error]
          .filter((e) => e !== undefined)
          .map(([k, m]) => [k, [m]]),
      );
      if (Object.keys(errors).length) throw badRequest(errors);
      if (organization?.id !== undefined && organization.id !== organizationId) throw forbidden();
      const limit = readLimit(param(call, "limit"), ctx.defaultLimit, ctx.maxLimit);
      const exactOffset = readOffset(param(call, "offset"));
      // Past the end is an empty page whatever the size; SQLite takes a 64-bit offset at most.
      const offset =
        exactOffset > BigInt(Number.MAX_SAFE_INTEGER)
          ? Number.MAX_SAFE_INTEGER
          : Number(exactOffset);
      const query = { organizationId, parent: parent?.id, limit, offset };
      // The body depends on the organization's records, the base URL and the query as sent
      // (the links keep its other parameters): a page answered before at the same revision is
      // sent again as it was.
      const base = apiBase(call);
      const key = `${organizationId} ${base} ${call.req.url ?? ""}`;
      const revision = store.listRevision(organizationId);
      const cached = revision === undefined ? undefined : pages.get(key, revision);
      if (cached) {
        send(call, 200, cached);
        return;
      }
      const links = (count: number) =>
        pageLinks({
          collectionUrl: `${base}/user_extra/`,
          rawQuery: call.req.url?.split("?")[1] ?? "",
          limit,
          offset: exactOffset,
          count,
        });
      // One read transaction: the revision the page is cached at is the one it was read at.
      const page = store.snapshot(() => {
        const at = store.listRevision(organizationId);
        if (truthy(param(call, "device_info"))) {
          const { count, records } = store.list(query);
          const body: UserExtraPage = {
            count,
            ...links(count),
            results: records.map((r) => ({ ...r, device_info: deviceInfo(r) })),
          };
          return { at, body: JSON.stringify(body) as string | Buffer[] };
        }
        // Without device_info the records' JSON comes straight from SQLite as bytes (the hot
        // path): the body is its parts between the page's head and the closing brackets.
        const { count, parts } = store.listJsonParts(query);
        const { next, previous } = links(count);
        const head = `{"count":${count},"next":${JSON.stringify(next)},"previous":${JSON.stringify(previous)},"results":[`;
        return { at, body: [Buffer.from(head), ...parts, CLOSE_PAGE] };
      });
      const body = typeof page.body === "string" ? [Buffer.from(page.body)] : joinSmall(page.body);
      if (page.at !== undefined) pages.set(key, page.at, body);
      send(call, 200, body);
    },

    createUserExtra: async (call, op) => {
      const body = await checkedBody(call, op, false);
      const parent = body.parent as number;
      const values = pickFields(store, body);
      const created = await writes.submit(() =>
        store.createRecordJson(parent, call.organizationId, values),
      );
      // DRF's PrimaryKeyRelatedField: a parent that does not exist (for this caller: another
      // organization's accounts are not in its queryset) is a 400 on the field.
      if (created === "no-such-parent") {
        throw badRequest({ parent: [`Invalid pk "${parent}" - object does not exist.`] });
      }
      if (created === "parent-has-record") throw conflict();
      send(call, 201, created.json, { location: `${apiBase(call)}/user_extra/${created.id}/` });
    },

    getUserExtra: (call) => {
      const { json } = ownRecord(call);
      send(call, 200, truthy(param(call, "device_info")) ? withDevice(json) : json);
    },

    // DRF's ModelSerializer update sets only the fields in the body, for PUT as for PATCH; they
    // differ in that a PUT form body sets the booleans it leaves out to false.
    updateUserExtra: (call, op) => writeFields(call, op, false),
    partialUpdateUserExtra: (call, op) => writeFields(call, op, true),

    deleteUserExtra: async (call) => {
      const id = pathId(call);
      if (!(await writes.submit(() => store.deleteOwnRecord(id, call.organizationId)))) {
        throw refusal(id);
      }
      send(call, 204);
    },
  };

  // Every operation of the spec has its handler and validators, checked at start.
  for (const op of routes.operations()) {
    if (!handlers[op.operationId]) {
      throw new Error(`The sandbox has no handler for the spec's operation "${op.operationId}"`);
    }
    if (!ctx.validators.has(op.operationId))
      throw new Error(`No validators for "${op.operationId}"`);
  }
  const operationOf = (route: ApiRoute, method: string) => {
    const op = route.operations.get(method);
    if (!op) return undefined;
    return {
      handler: handlers[op.operationId] as Handler,
      validators: ctx.validators.get(op.operationId) as OperationValidators,
    };
  };

  /** A spec path: authenticate (DRF's APIView.initial runs before dispatch), then the method. */
  const api = (call: Call, route: ApiRoute) => {
    authenticate(call);
    // HEAD is GET without the body (node:http leaves the body out).
    const found = operationOf(route, call.method === "HEAD" ? "GET" : call.method);
    const answer = () => {
      if (found) return found.handler(call, found.validators);
      if (call.method === "OPTIONS") {
        send(call, 200, OPTIONS_BODY, { allow: route.allow });
        return;
      }
      send(call, 405, JSON.stringify({ detail: `Method "${call.method}" not allowed.` }), {
        allow: route.allow,
      });
    };
    if (call.method === "GET" || call.method === "HEAD") return answer();
    return readBody(call.req, ctx.bodyLimit).then((bytes) => {
      call.bytes = bytes;
      return answer();
    });
  };

  const stateCtx: ProviderStateContext = {
    store,
    tokens,
    accounts: ctx.accounts,
    validateFields: ctx.validators.get("partialUpdateUserExtra")?.body as Validator,
    seed: ctx.seed,
  };
  const providerState = async (call: Call) => {
    const parsed = await parseBody({
      contentType: call.req.headers["content-type"],
      bytes: await readBody(call.req, ctx.bodyLimit),
    });
    const result = handleProviderState(stateCtx, parsed.value ?? {});
    send(call, result.status, JSON.stringify(result.body));
  };

  const dispatch = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    const mark = url.indexOf("?");
    const path = mark === -1 ? url : url.slice(0, mark);
    const call: Call = {
      req,
      res,
      requestId: randomUUID(),
      method: req.method ?? "GET",
      rawQuery: mark === -1 ? "" : url.slice(mark + 1),
      params: {},
      organizationId: 0,
      bytes: undefined,
      query: undefined,
    };
    const match = routes.match(path);
    if (match?.kind === "api") {
      call.params = match.params;
      run(call, match.route.path, () => api(call, match.route));
      return;
    }
    if (match?.kind === "redirect") {
      // APPEND_SLASH (Django's CommonMiddleware): 301 to the slashed path, query kept, empty
      // body. DRF's router matches ids of `[^/.]+`: a dotted one has no slashed route either.
      if (match.params.id?.includes(".")) {
        send(call, 404, NOT_FOUND_BODY);
        return;
      }
      send(call, 301, undefined, { location: `${path}/${mark === -1 ? "" : url.slice(mark)}` });
      return;
    }
    if (ctx.providerStates && path === PROVIDER_STATES_PATH && call.method === "POST") {
      run(call, PROVIDER_STATES_PATH, () => providerState(call));
      return;
    }
    send(call, 404, NOT_FOUND_BODY);
  };

  const server = createServer(dispatch);
  // Longer than a client's pool keeps an idle connection, so the server is not the side that
  // closes one under a request being sent.
  server.keepAliveTimeout = 72_000;
  // A request node:http cannot parse: a 400 that says so, then the connection is closed.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify({ detail: "Malformed HTTP request." });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });

  let closed: Promise<void> | undefined;
  return {
    server,
    listen: ({ port, host }) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve();
        });
      }),
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        // Connections that finish their request after this are closed as they turn idle.
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        idle.unref();
        server.close((error) => {
          clearInterval(idle);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
