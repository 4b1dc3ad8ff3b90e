// The provider-state vocabulary of the contract (the consumer tests name these states), served at
// POST /_pact/provider-states when enabled. The "caller" is the demo token.
//
// Rules that keep consecutive interactions independent:
// - every setup is self-sufficient: it creates, moves or rewrites whatever its state needs,
//   whatever earlier interactions left behind, and is idempotent;
// - records a state creates or guarantees have every field set (a generated, complete profile),
//   so type matchers on any field pass;
// - teardown resets the sandbox: every record, account and organization is deleted, the demo
//   token goes back to its configured organization and the seed (if any) is loaded again.
import type { ValidationErrors } from "@user-extra/types";
import { generateProfile, seedDatabase } from "./seed.js";
import type { FieldValues, Store } from "./store.js";
import type { AccountMap, Tokens } from "./tokens.js";
import type { Validator } from "./validation.js";

export interface ProviderStateContext {
  store: Store;
  tokens: Tokens;
  /** The configured accounts (tokens file, options), put back at teardown. */
  accounts: AccountMap;
  /** Validates field values given in params (the PATCH body validator). */
  validateFields: Validator;
  /** Re-run at teardown. */
  seed: number;
}

export interface ProviderStateResult {
  status: number;
  body: Record<string, unknown>;
}

type Params = Record<string, unknown>;
type Handler = (ctx: ProviderStateContext, params: Params) => Record<string, unknown>;

/** The states, verbatim as the consumer tests name them. */
export const PROVIDER_STATES = [
  "a user extra with id {id} exists",
  "no user extra with id {id} exists",
  "a user extra with id {id} exists in another organization",
  "parent {parent} has no user extra",
  "a user extra exists for parent {parent}",
  "user extras exist in organization {organizationId}",
  "organization {organizationId} is another organization",
  "the caller is not authenticated",
] as const;

export type ProviderState = (typeof PROVIDER_STATES)[number];

class StateError extends Error {}

function positiveInt(params: Params, name: string, state: string): number {
  const raw = params[name];
  const value = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new StateError(
      `Provider state "${state}": param "${name}" must be a positive integer, got ${JSON.stringify(raw)}.`,
    );
  }
  return value;
}

function optionalInt(params: Params, name: string, state: string, fallback: number): number {
  if (params[name] === undefined || params[name] === null) return fallback;
  const raw = params[name];
  const value = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0 || value > 100_000) {
    throw new StateError(
      `Provider state "${state}": param "${name}" must be an integer from 0 to 100000, got ${JSON.stringify(raw)}.`,
    );
  }
  return value;
}

/** Params that name record fields (e.g. {"gender": "f"}) override the generated profile. */
function profileFor(
  ctx: ProviderStateContext,
  seed: number,
  params: Params,
  state: string,
): FieldValues {
  const names = new Set(ctx.store.fields.map((f) => f.name));
  const given = Object.fromEntries(Object.entries(params).filter(([k]) => names.has(k)));
  const checked = ctx.validateFields(given);
  if (!checked.ok) {
    throw new StateError(
      `Provider state "${state}": invalid field params: ${formatErrors(checked.errors)}`,
    );
  }
  return { ...generateProfile(seed, { complete: true }), ...(checked.value as FieldValues) };
}

function formatErrors(errors: ValidationErrors): string {
  return Object.entries(errors)
    .map(([field, messages]) => `${field}: ${messages.join(" ")}`)
    .join("; ");
}

/** An organization other than `not`: the lowest known one, or a new one. */
function otherOrganization(ctx: ProviderStateContext, not: number): number {
  const known = new Set([...ctx.store.organizationIds(), ...ctx.tokens.organizations()]);
  const other = [...known].sort((a, b) => a - b).find((id) => id !== not) ?? not + 1;
  ctx.store.ensureOrganization(other);
  return other;
}

/** Makes record `id` exist under account `parent` (created if needed) with a complete profile. */
function putRecord(
  ctx: ProviderStateContext,
  id: number,
  parent: number,
  profile: FieldValues,
): void {
  const { store } = ctx;
  const holder = store.recordIdOfParent(parent);
  if (holder !== undefined && holder !== id) store.deleteRecord(holder);
  if (store.getRecord(id)) store.setRecordParent(id, parent);
  else store.insertRecord(parent, profile, id);
  store.replaceFields(id, profile);
}

const HANDLERS: Record<ProviderState, Handler> = {
  "a user extra with id {id} exists": (ctx, params) => {
    const state = "a user extra with id {id} exists";
    const id = positiveInt(params, "id", state);
    const organizationId = ctx.tokens.callerOrganization;
    const existing = ctx.store.getRecord(id);
    const parent =
      params.parent !== undefined && params.parent !== null
        ? positiveInt(params, "parent", state)
        : (existing?.record.parent ?? ctx.store.freshAccountId());
    ctx.store.putAccount(parent, organizationId);
    putRecord(ctx, id, parent, profileFor(ctx, id, params, state));
    return { id, parent, organizationId };
  },

  "no user extra with id {id} exists": (ctx, params) => {
    const id = positiveInt(params, "id", "no user extra with id {id} exists");
    ctx.store.deleteRecord(id);
    return { id };
  },

  "a user extra with id {id} exists in another organization": (ctx, params) => {
    const state = "a user extra with id {id} exists in another organization";
    const id = positiveInt(params, "id", state);
    const organizationId = otherOrganization(ctx, ctx.tokens.callerOrganization);
    const parent = ctx.store.getRecord(id)?.record.parent ?? ctx.store.freshAccountId();
    ctx.store.putAccount(parent, organizationId);
    putRecord(ctx, id, parent, profileFor(ctx, id, params, state));
    return { id, parent, organizationId };
  },

  "parent {parent} has no user extra": (ctx, params) => {
    const parent = positiveInt(params, "parent", "parent {parent} has no user extra");
    const organizationId = ctx.tokens.callerOrganization;
    ctx.store.putAccount(parent, organizationId);
    const holder = ctx.store.recordIdOfParent(parent);
    if (holder !== undefined) ctx.store.deleteRecord(holder);
    return { parent, organizationId };
  },

  "a user extra exists for parent {parent}": (ctx, params) => {
    const state = "a user extra exists for parent {parent}";
    const parent = positiveInt(params, "parent", state);
    const organizationId = ctx.tokens.callerOrganization;
    ctx.store.putAccount(parent, organizationId);
    const profile = profileFor(ctx, parent, params, state);
    let id = ctx.store.recordIdOfParent(parent);
    if (id === undefined) id = ctx.store.insertRecord(parent, profile);
    else ctx.store.replaceFields(id, profile);
    return { id, parent, organizationId };
  },

  "user extras exist in organization {organizationId}": (ctx, params) => {
    const state = "user extras exist in organization {organizationId}";
    const organizationId = positiveInt(params, "organizationId", state);
    const count = optionalInt(params, "count", state, 3);
    ctx.store.ensureOrganization(organizationId);
    ctx.tokens.callerOrganization = organizationId;
    for (let have = ctx.store.countInOrganization(organizationId); have < count; have++) {
      const parent = ctx.store.freshAccountId();
      ctx.store.putAccount(parent, organizationId);
      ctx.store.insertRecord(parent, profileFor(ctx, parent, params, state));
    }
    return { organizationId, count: ctx.store.countInOrganization(organizationId) };
  },

  "organization {organizationId} is another organization": (ctx, params) => {
    const state = "organization {organizationId} is another organization";
    const organizationId = positiveInt(params, "organizationId", state);
    ctx.store.ensureOrganization(organizationId);
    if (ctx.tokens.callerOrganization === organizationId) ctx.tokens.restore();
    if (ctx.tokens.callerOrganization === organizationId) {
      ctx.tokens.callerOrganization = otherOrganization(ctx, organizationId);
    }
    ctx.store.ensureOrganization(ctx.tokens.callerOrganization);
    return { organizationId, callerOrganizationId: ctx.tokens.callerOrganization };
  },

  "the caller is not authenticated": () => ({}),
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Each template as a pattern: a placeholder matches itself (`{id}`, values in params) or an
 * inline value (`a user extra with id 7 exists`, as some pact-js users write states).
 */
const PATTERNS = PROVIDER_STATES.map((template) => {
  const names: string[] = [];
  const source = template
    .split(/(\{[A-Za-z]+\})/)
    .map((part) => {
      const m = /^\{([A-Za-z]+)\}$/.exec(part);
      if (!m) return escapeRegExp(part);
      names.push(m[1] as string);
      return `(?:\\{${m[1]}\\}|(\\d+))`;
    })
    .join("");
  return { template, names, regex: new RegExp(`^${source}$`) };
});

/** The template a state names and the values written inline in it. */
export function matchState(state: string): { template: ProviderState; inline: Params } | undefined {
  for (const { template, names, regex } of PATTERNS) {
    const m = regex.exec(state.trim());
    if (!m) continue;
    const inline: Params = {};
    names.forEach((name, i) => {
      if (m[i + 1] !== undefined) inline[name] = Number(m[i + 1]);
    });
    return { template, inline };
  }
  return undefined;
}

function unknownState(state: string): ProviderStateResult {
  return {
    status: 400,
    body: {
      detail: `Unknown provider state "${state}". Known states: ${PROVIDER_STATES.map((s) => `"${s}"`).join(", ")}.`,
    },
  };
}

/** Resets the sandbox to how it started: no data but the seed, the demo token at home. */
export function resetSandbox(ctx: ProviderStateContext): void {
  ctx.store.transaction(() => ctx.store.clear());
  ctx.tokens.restore();
  ctx.store.transaction(() => {
    for (const org of ctx.tokens.organizations()) ctx.store.ensureOrganization(org);
    for (const [id, org] of ctx.accounts) ctx.store.putAccount(id, org);
  });
  if (ctx.seed > 0) seedDatabase(ctx.store, ctx.seed);
}

/**
 * Handles one request body: `{state, params?, action?: "setup" | "teardown"}` (Pact's
 * state-change body; `action` defaults to setup, `params` may be absent), or the older
 * `{states: [...]}` form.
 */
export function handleProviderState(ctx: ProviderStateContext, body: unknown): ProviderStateResult {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return bad('Expected a JSON object like {"state": "...", "params": {...}, "action": "setup"}.');
  }
  const request = body as Params;
  const action = request.action ?? "setup";
  if (action !== "setup" && action !== "teardown") {
    return bad(`"action" must be "setup" or "teardown", got ${JSON.stringify(request.action)}.`);
  }
  const params = request.params ?? {};
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    return bad(`"params" must be an object, got ${JSON.stringify(request.params)}.`);
  }
  let states: unknown[];
  if (typeof request.state === "string") states = [request.state];
  else if (Array.isArray(request.states)) states = request.states;
  else return bad('"state" is required: the provider state\'s name, a string.');

  const matched = [];
  for (const state of states) {
    if (typeof state !== "string" || state.trim() === "")
      return bad('"state" must be a non-empty string.');
    const m = matchState(state);
    if (!m) return unknownState(state);
    matched.push(m);
  }
  if (action === "teardown") {
    resetSandbox(ctx);
    return { status: 200, body: {} };
  }
  try {
    const result: Record<string, unknown> = {};
    for (const m of matched) {
      const values = ctx.store.transaction(() => {
        // The caller's organization must exist before a state puts accounts in it.
        ctx.store.ensureOrganization(ctx.tokens.callerOrganization);
        return HANDLERS[m.template](ctx, { ...m.inline, ...(params as Params) });
      });
      Object.assign(result, values);
    }
    return { status: 200, body: result };
  } catch (error) {
    if (error instanceof StateError) return bad(error.message);
    throw error;
  }
}

function bad(detail: string): ProviderStateResult {
  return { status: 400, body: { detail } };
}
