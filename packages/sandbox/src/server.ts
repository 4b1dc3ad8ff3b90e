// The HTTP server: Fastify, with the spec's six operations registered from the spec's own paths
// and validated by the validators compiled from it. Where the spec leaves behaviour to the
// provider, the server does what stock Django REST Framework and django-filter do (each rule
// cites where; the spec's description lists them).
import { randomUUID } from "node:crypto";
import type { UserExtra, UserExtraCreate, UserExtraPage } from "@user-extra/types";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { fromForm, parseBody, truthy } from "./body.js";
import { deviceInfo } from "./device-info.js";
import { badRequest, conflict, forbidden, HttpError, notFound, unauthorized } from "./errors.js";
import { pageLinks, pythonInt, readLimit, readOffset } from "./pagination.js";
import { handleProviderState, type ProviderStateContext } from "./provider-states.js";
import { listOperations, type OpenApiDocument } from "./spec.js";
import type { FieldValues, Store } from "./store.js";
import { type AccountMap, readBearer, type Tokens } from "./tokens.js";
import type { OperationValidators, Validator } from "./validation.js";

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

// django-filter's ModelChoiceFilter message for a value that names nothing.
const INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices.";
// DRF's ProhibitNullCharactersValidator message (every CharField has it).
const NULL_CHARACTERS = "Null characters are not allowed.";
// DRF's NON_FIELD_ERRORS_KEY: an error about the body as a whole (not an object) stands alone.
const NON_FIELD_KEY = "non_field_errors";
// DRF's view methods, in the order its Allow header lists them.
const DRF_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"];

/** The last value of a query parameter, as Django's QueryDict gives it; "" counts as absent. */
function param(query: unknown, name: string): string | undefined {
  const raw = (query as Record<string, unknown> | undefined)?.[name];
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A path id: a positive integer JavaScript holds exactly, else no record has it (404). */
function pathId(params: unknown): number {
  const text = String((params as { id?: unknown }).id ?? "");
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

export function buildApp(ctx: AppContext): FastifyInstance {
  const { store, tokens } = ctx;
  const prefix = basePath(ctx.spec);
  const app = Fastify({
    logger: false,
    bodyLimit: ctx.bodyLimit,
    genReqId: () => randomUUID(),
  });
  const callers = new WeakMap<FastifyRequest, number>();

  // Every body is kept as bytes and parsed by the handler that needs it (see body.ts).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, bytes, done) => done(null, bytes));

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

  /** The API's absolute base URL for this request: configured, else from Host (Django's build_absolute_uri). */
  const apiBase = (req: FastifyRequest): string =>
    ctx.publicBaseUrl() ?? `${req.protocol}://${req.headers.host ?? req.host}${prefix}`;

  const withDevice = (record: UserExtra, wanted: boolean): UserExtra =>
    wanted ? { ...record, device_info: deviceInfo(record) } : record;

  /** Loads a record the caller may act on: 404 when unknown, 403 when another organization's. */
  const ownRecord = (req: FastifyRequest): UserExtra & { id: number } => {
    const found = store.getRecord(pathId(req.params));
    if (!found) throw notFound();
    if (found.organizationId !== caller(req)) throw forbidden();
    return found.record as UserExtra & { id: number };
  };

  /**
   * The request body parsed by DRF's parsers and checked against the operation's schema, then
   * for integers JavaScript cannot hold exactly (answered 400, never rounded nor a 500).
   */
  const checkedBody = async (req: FastifyRequest, op: OperationValidators, partial: boolean) => {
    const parsed = await parseBody({
      contentType: req.headers["content-type"],
      bytes: req.body as Buffer | undefined,
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
    for (const name of [
      "parent",
      ...store.fields.filter((f) => f.type === "integer").map((f) => f.name),
    ]) {
      const value = body[name];
      if (name in errors || typeof value !== "number" || !Number.isInteger(value)) continue;
      if (Number.isSafeInteger(value)) continue;
      errors[name] =
        name === "parent"
          ? [`Invalid pk "${rawInteger(req, name) ?? value}" - object does not exist.`]
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

  /** PUT and PATCH: after the record's existence and ownership, validate the body and update. */
  const writeFields = async (
    req: FastifyRequest,
    reply: FastifyReply,
    op: OperationValidators,
    partial: boolean,
  ) => {
    const { id } = store.transaction(() => ownRecord(req));
    const values = pickFields(store, await checkedBody(req, op, partial));
    const updated = store.transaction(() => {
      ownRecord(req); // still there and still the caller's
      store.updateFields(id, values);
      return store.getRecord(id)?.record as UserExtra;
    });
    reply.code(200).send(updated);
  };

  /** django-filter's ModelChoiceFilter: a value must name an existing row, else 400 on the filter. */
  const choice = (query: unknown, name: string, exists: (id: number) => boolean) => {
    const text = param(query, name);
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
    listUserExtras: (req, reply) => {
      const organizationId = caller(req);
      const parent = choice(req.query, "parent", (id) => store.account(id) !== undefined);
      const organization = choice(req.query, "parent__organization_id", (id) =>
        store.organizationIds().includes(id),
      );
      const errors = Object.fromEntries(
        [parent?.error, organization?.error]
          .filter((e) => e !== undefined)
          .map(([k, m]) => [k, [m]]),
      );
      if (Object.keys(errors).length) throw badRequest(errors);
      if (organization?.id !== undefined && organization.id !== organizationId) throw forbidden();
      const limit = readLimit(param(req.query, "limit"), ctx.defaultLimit, ctx.maxLimit);
      const exactOffset = readOffset(param(req.query, "offset"));
      // Past the end is an empty page whatever the size; SQLite takes a 64-bit offset at most.
      const offset =
        exactOffset > BigInt(Number.MAX_SAFE_INTEGER)
          ? Number.MAX_SAFE_INTEGER
          : Number(exactOffset);
      const query = { organizationId, parent: parent?.id, limit, offset };
      const links = (count: number) =>
        pageLinks({
          collectionUrl: `${apiBase(req)}/user_extra/`,
          rawQuery: req.url.split("?")[1] ?? "",
          limit,
          offset: exactOffset,
          count,
        });
      if (truthy(param(req.query, "device_info"))) {
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

    createUserExtra: async (req, reply, op) => {
      const organizationId = caller(req);
      const body = await checkedBody(req, op, false);
      const values = pickFields(store, body);
      const parent = (body as unknown as UserExtraCreate).parent;
      const created = store.transaction(() => {
        const account = store.account(parent);
        // DRF's PrimaryKeyRelatedField: a parent that does not exist (for this caller: another
        // organization's accounts are not in its queryset) is a 400 on the field.
        if (!account || account.organizationId !== organizationId) {
          throw badRequest({ parent: [`Invalid pk "${parent}" - object does not exist.`] });
        }
        if (store.recordIdOfParent(parent) !== undefined) throw conflict();
        const id = store.insertRecord(parent, values);
        return store.getRecord(id)?.record as UserExtra;
      });
      reply
        .code(201)
        .header("location", `${apiBase(req)}/user_extra/${created.id}/`)
        .send(created);
    },

    getUserExtra: (req, reply) => {
      const record = ownRecord(req);
      reply.code(200).send(withDevice(record, truthy(param(req.query, "device_info"))));
    },

    // DRF's ModelSerializer update sets only the fields in the body, for PUT as for PATCH; they
    // differ in that a PUT form body sets the booleans it leaves out to false.
    updateUserExtra: (req, reply, op) => writeFields(req, reply, op, false),
    partialUpdateUserExtra: (req, reply, op) => writeFields(req, reply, op, true),

    deleteUserExtra: (_req, reply) => {
      store.transaction(() => {
        const { id } = ownRecord(_req);
        store.deleteRecord(id);
      });
      reply.code(204).send();
    },
  };

  // Routes: the spec's paths (with their slash) behind authentication; the same paths without
  // their slash answer Django's APPEND_SLASH redirect before any view runs, for every method.
  const allowed = new Map<string, string[]>();
  for (const op of listOperations(ctx.spec)) {
    const url = op.path.replace(/\{([^}]+)\}/g, ":$1");
    allowed.set(url, [...(allowed.get(url) ?? []), op.method.toUpperCase()]);
  }
  app.register(
    async (api) => {
      api.addHook("onRequest", async (req) => {
        const bearer = readBearer(req.headers.authorization);
        if (!bearer.ok) throw unauthorized(bearer.detail);
        const org = tokens.organizationOf(bearer.token);
        if (org === undefined) throw unauthorized("Invalid token.");
        callers.set(req, org);
      });

      for (const op of listOperations(ctx.spec)) {
        const handler = handlers[op.operationId];
        if (!handler)
          throw new Error(
            `The sandbox has no handler for the spec's operation "${op.operationId}"`,
          );
        const validators = ctx.validators.get(op.operationId);
        if (!validators) throw new Error(`No validators for "${op.operationId}"`);
        api.route({
          method: op.method.toUpperCase() as "GET",
          url: op.path.replace(/\{([^}]+)\}/g, ":$1"),
          handler: (req, reply) => handler(req, reply, validators),
        });
      }
      for (const [url, methods] of allowed) {
        // DRF's Allow: the view's methods, HEAD with GET, and OPTIONS.
        const allow = DRF_METHODS.filter(
          (m) =>
            methods.includes(m) || m === "OPTIONS" || (m === "HEAD" && methods.includes("GET")),
        );
        api.route({
          method: "OPTIONS",
          url,
          handler: (_req, reply) => {
            // DRF's SimpleMetadata answer to OPTIONS.
            reply
              .code(200)
              .header("allow", allow.join(", "))
              .send({
                name: "User Extra",
                renders: ["application/json"],
                parses: [
                  "application/json",
                  "application/x-www-form-urlencoded",
                  "multipart/form-data",
                ],
              });
          },
        });
        api.route({
          method: ["TRACE", "PUT", "POST", "PATCH", "DELETE", "GET"].filter(
            (m) => !allow.includes(m),
          ) as "GET"[],
          url,
          handler: (req, reply) => {
            reply
              .code(405)
              .header("allow", allow.join(", "))
              .send({ detail: `Method "${req.method}" not allowed.` });
          },
        });
      }
    },
    { prefix },
  );

  // APPEND_SLASH (Django's CommonMiddleware): 301 to the slashed path, query kept, empty body.
  for (const url of allowed.keys()) {
    const bare = `${prefix}${url.replace(/\/$/, "")}`;
    app.route({
      method: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"] as "GET"[],
      url: bare,
      handler: (req, reply) => {
        const [path, query] = req.url.split(/\?(.*)/s);
        // DRF's router matches ids of `[^/.]+`: a dotted one has no slashed route either.
        if ((req.params as { id?: string }).id?.includes(".")) throw notFound();
        reply
          .code(301)
          .header("location", `${path}/${query ? `?${query}` : ""}`)
          .send();
      },
    });
  }

  if (ctx.providerStates) {
    const stateCtx: ProviderStateContext = {
      store,
      tokens,
      accounts: ctx.accounts,
      validateFields: ctx.validators.get("partialUpdateUserExtra")?.body as Validator,
      seed: ctx.seed,
    };
    app.post(PROVIDER_STATES_PATH, async (req, reply) => {
      const parsed = await parseBody({
        contentType: req.headers["content-type"],
        bytes: req.body as Buffer | undefined,
      });
      const result = handleProviderState(stateCtx, parsed.value ?? {});
      reply.code(result.status).send(result.body);
    });
  }

  return app;
}

/** The digits of an integer field as sent, for messages about values JSON.parse rounded. */
function rawInteger(req: FastifyRequest, name: string): string | undefined {
  const text = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
  return new RegExp(`"${name}"\\s*:\\s*(-?\\d+)`).exec(text)?.[1];
}
