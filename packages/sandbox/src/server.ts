// The HTTP server: Fastify, with the spec's six operations registered from the spec's own paths
// and validated by the validators compiled from it.
import { randomUUID } from "node:crypto";
import type { UserExtra, UserExtraCreate, UserExtraPage } from "@user-extra/types";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { deviceInfo } from "./device-info.js";
import { badRequest, conflict, forbidden, HttpError, notFound, unauthorized } from "./errors.js";
import { pageLinks } from "./pagination.js";
import { handleProviderState, type ProviderStateContext } from "./provider-states.js";
import { listOperations, type OpenApiDocument } from "./spec.js";
import type { FieldValues, Store } from "./store.js";
import { readBearer, type Tokens } from "./tokens.js";
import type { OperationValidators, Validator } from "./validation.js";

export const PROVIDER_STATES_PATH = "/_pact/provider-states";

export interface AppContext {
  spec: OpenApiDocument;
  store: Store;
  tokens: Tokens;
  validators: Map<string, OperationValidators>;
  /** The API's public base URL (e.g. `http://127.0.0.1:4010/api/v1`), known once listening. */
  publicBaseUrl: () => string;
  defaultLimit: number;
  bodyLimit: number;
  providerStates: boolean;
  seed: number;
}

type Handler = (
  req: FastifyRequest,
  reply: FastifyReply,
  op: OperationValidators,
) => Promise<unknown> | unknown;

/** The path prefix of the spec's first server (`/api/v1`). */
export function basePath(spec: OpenApiDocument): string {
  const servers = (spec as unknown as { servers?: { url: string }[] }).servers;
  const url = servers?.[0]?.url ?? "/";
  const path = new URL(url, "http://placeholder").pathname;
  return path.replace(/\/+$/, "");
}

function check(validator: Validator, input: unknown, onError: "400" | "404" = "400") {
  const result = validator(input);
  if (result.ok) return result.value;
  if (onError === "404") throw notFound();
  throw badRequest(result.errors);
}

/** Query parameters without the empty ones: `?parent=` means no filter, as django-filter reads it. */
function withoutEmpty(query: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ""),
  );
}

/** The writable fields present in a validated body (unknown keys and `parent` are ignored). */
function pickFields(store: Store, body: Record<string, unknown>): FieldValues {
  const out: FieldValues = {};
  for (const field of store.fields) {
    if (field.name in body) out[field.name] = body[field.name] as FieldValues[string];
  }
  return out;
}

export function buildApp(ctx: AppContext): FastifyInstance {
  const { store, tokens } = ctx;
  const app = Fastify({
    logger: false,
    bodyLimit: ctx.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true },
    genReqId: () => randomUUID(),
  });
  const callers = new WeakMap<FastifyRequest, number>();

  // JSON only. An empty body reads as no body; invalid JSON answers DRF's parse error, never a
  // stack trace. Every other content type is refused with 415 by Fastify.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, text, done) => {
    const source = String(text);
    if (source.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(source));
    } catch (error) {
      const reason = (error as Error).message.replace(/\s+/g, " ").slice(0, 200);
      done(new HttpError(400, { detail: `JSON parse error - ${reason}` }), undefined);
    }
  });

  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });

  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).send({ detail: "Not found." });
  });

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, req, reply) => {
    if (error instanceof HttpError) {
      reply.code(error.status).headers(error.headers).send(error.body);
      return;
    }
    switch (error.code) {
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        reply.code(413).send({
          detail: `Request body too large: the limit is ${ctx.bodyLimit} bytes.`,
        });
        return;
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE": {
        const type = String(req.headers["content-type"] ?? "")
          .split(";")[0]
          ?.trim();
        reply.code(415).send({
          detail: type
            ? `Unsupported media type "${type}" in request. Send application/json.`
            : "Missing Content-Type header. Send the body as application/json.",
        });
        return;
      }
      case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
        reply.code(400).send({ detail: "The Content-Length header does not match the body." });
        return;
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      reply.code(error.statusCode).send({ detail: error.message });
      return;
    }
    // An unexpected failure: say so without internals; the server log gets the stack.
    process.stderr.write(
      `user-extra-sandbox: ${req.method} ${req.routeOptions.url ?? "?"} failed: ${error.stack ?? error.message}\n`,
    );
    reply.code(500).send({ detail: "A server error occurred." });
  });

  const caller = (req: FastifyRequest): number => {
    const org = callers.get(req);
    if (org === undefined) throw unauthorized("Authentication credentials were not provided.");
    return org;
  };

  const withDevice = (record: UserExtra, wanted: unknown): UserExtra =>
    wanted === true ? { ...record, device_info: deviceInfo(record) } : record;

  /** Loads a record the caller may act on: 404 when unknown, 403 when another organization's. */
  const ownRecord = (req: FastifyRequest, op: OperationValidators): UserExtra & { id: number } => {
    const { id } = check(op.path, req.params, "404") as { id: number };
    const found = store.getRecord(id);
    if (!found) throw notFound();
    if (found.organizationId !== caller(req)) throw forbidden();
    return found.record as UserExtra & { id: number };
  };

  /** The request body checked against the operation's schema (no body at all counts as {}). */
  const checkedBody = (req: FastifyRequest, op: OperationValidators) =>
    check(op.body as Validator, req.body === undefined ? {} : req.body) as Record<string, unknown>;

  /** PUT and PATCH: validate the body, then replace or update the record's fields in one transaction. */
  const writeFields = (
    req: FastifyRequest,
    reply: FastifyReply,
    op: OperationValidators,
    write: "replaceFields" | "updateFields",
  ) => {
    const updated = store.transaction(() => {
      const { id } = ownRecord(req, op);
      store[write](id, pickFields(store, checkedBody(req, op)));
      return store.getRecord(id)?.record as UserExtra;
    });
    reply.code(200).send(updated);
  };

  const handlers: Record<string, Handler> = {
    listUserExtras: (req, reply, op) => {
      const organizationId = caller(req);
      const q = check(op.query, withoutEmpty(req.query)) as {
        parent?: number;
        parent__organization_id?: number;
        limit?: number;
        offset?: number;
        device_info?: boolean;
      };
      if (q.parent__organization_id !== undefined && q.parent__organization_id !== organizationId) {
        throw forbidden();
      }
      const limit = q.limit ?? ctx.defaultLimit;
      const offset = q.offset ?? 0;
      const query = { organizationId, parent: q.parent, limit, offset };
      const links = (count: number) =>
        pageLinks({
          collectionUrl: `${ctx.publicBaseUrl()}/user_extra/`,
          rawQuery: req.url.split("?")[1] ?? "",
          limit,
          offset,
          count,
        });
      if (q.device_info) {
        const { count, records } = store.list(query);
        const page: UserExtraPage = {
          count,
          ...links(count),
          results: records.map((r) => withDevice(r, true)),
        };
        reply.code(200).send(page);
        return;
      }
      // Without device_info the records' JSON comes straight from SQLite (the hot path).
      const { count, resultsJson } = store.listJson(query);
      const { next, previous } = links(count);
      reply
        .code(200)
        .type("application/json; charset=utf-8")
        .send(
          `{"count":${count},"next":${JSON.stringify(next)},"previous":${JSON.stringify(previous)},"results":${resultsJson}}`,
        );
    },

    createUserExtra: (req, reply, op) => {
      const organizationId = caller(req);
      const body = checkedBody(req, op);
      const values = pickFields(store, body);
      const parent = (body as unknown as UserExtraCreate).parent;
      const created = store.transaction(() => {
        const account = store.account(parent);
        // The sandbox has no accounts API: a parent it has never seen joins the caller's
        // organization. A parent of another organization does not exist for this caller.
        if (account && account.organizationId !== organizationId) {
          throw badRequest({ parent: [`Invalid pk "${parent}" - object does not exist.`] });
        }
        if (!account) store.putAccount(parent, organizationId);
        if (store.recordIdOfParent(parent) !== undefined) throw conflict();
        const id = store.insertRecord(parent, values);
        return store.getRecord(id)?.record as UserExtra;
      });
      reply
        .code(201)
        .header("location", `${ctx.publicBaseUrl()}/user_extra/${created.id}/`)
        .send(created);
    },

    getUserExtra: (req, reply, op) => {
      const record = ownRecord(req, op);
      const q = check(op.query, withoutEmpty(req.query)) as { device_info?: boolean };
      reply.code(200).send(withDevice(record, q.device_info));
    },

    // PUT and PATCH differ only in what happens to the fields the body leaves out.
    updateUserExtra: (req, reply, op) => writeFields(req, reply, op, "replaceFields"),
    partialUpdateUserExtra: (req, reply, op) => writeFields(req, reply, op, "updateFields"),

    deleteUserExtra: (req, reply, op) => {
      store.transaction(() => {
        const { id } = ownRecord(req, op);
        store.deleteRecord(id);
      });
      reply.code(204).send();
    },
  };

  const prefix = basePath(ctx.spec);
  app.register(
    async (api) => {
      api.addHook("onRequest", async (req) => {
        const bearer = readBearer(req.headers.authorization);
        if (!bearer.ok) throw unauthorized(bearer.detail);
        const org = tokens.organizationOf(bearer.token);
        if (org === undefined) throw unauthorized("Invalid token.");
        callers.set(req, org);
      });

      const allowed = new Map<string, string[]>();
      for (const op of listOperations(ctx.spec)) {
        const handler = handlers[op.operationId];
        if (!handler)
          throw new Error(
            `The sandbox has no handler for the spec's operation "${op.operationId}"`,
          );
        const validators = ctx.validators.get(op.operationId);
        if (!validators) throw new Error(`No validators for "${op.operationId}"`);
        const url = op.path.replace(/\{([^}]+)\}/g, ":$1");
        api.route({
          method: op.method.toUpperCase() as "GET",
          url,
          handler: (req, reply) => handler(req, reply, validators),
        });
        allowed.set(url, [...(allowed.get(url) ?? []), op.method.toUpperCase()]);
      }
      // Other methods on a known path: 405 with Allow, as DRF answers.
      for (const [url, methods] of allowed) {
        const others = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].filter(
          (m) => !methods.includes(m),
        );
        api.route({
          method: others as "GET"[],
          url,
          handler: (req, reply) => {
            reply
              .code(405)
              .header("allow", methods.join(", "))
              .send({ detail: `Method "${req.method}" not allowed.` });
          },
        });
      }
    },
    { prefix },
  );

  if (ctx.providerStates) {
    const stateCtx: ProviderStateContext = {
      store,
      tokens,
      validateFields: ctx.validators.get("partialUpdateUserExtra")?.body as Validator,
      seed: ctx.seed,
    };
    app.post(PROVIDER_STATES_PATH, (req, reply) => {
      const result = handleProviderState(stateCtx, req.body ?? {});
      reply.code(result.status).send(result.body);
    });
  }

  return app;
}
