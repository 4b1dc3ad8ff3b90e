// createUserExtraClient: validates the options once, keeps the token in a closure (never on
// an object that could be logged or serialized) and wires openapi-fetch to the transport.
import type { paths } from "@user-extra/types";
import { InvalidInputError, UserExtraError } from "./core/errors.js";
import { createLog, type Logger, type LogLevel } from "./core/log.js";
import type { OperationId } from "./generated/api.gen.js";
import { createClient } from "./internal/openapi-fetch.js";
import {
  checkRequestOptions,
  createTransport,
  type Fetch,
  type TransportConfig,
} from "./internal/transport.js";
import { VERSION } from "./internal/version.js";
import { type UserExtraClient, userExtraResource } from "./resources/user-extra.js";

/** The spec's server. */
export const DEFAULT_BASE_URL = "https://gate.zequenze.com/api/v1";

/** An API token, or a function returning the current one (called before every attempt). */
export type Token = string | (() => string | Promise<string>);

/** Every optional option accepts `undefined`, which means its default. */
export interface ClientOptions {
  /** Default: https://gate.zequenze.com/api/v1. Requests, redirects and `next` links stay under it. */
  baseUrl?: string | undefined;
  token: Token;
  /** Default: globalThis.fetch. */
  fetch?: Fetch | undefined;
  /** Sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Timeout of each attempt (headers and body) in milliseconds. Default 60000. */
  timeoutMs?: number | undefined;
  /** Retries of idempotent requests after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /** Default: console. */
  logger?: Logger | undefined;
  /**
   * Default: the USER_EXTRA_LOG environment variable, else "warn" (the SDK logs requests at
   * "debug" and retries at "info").
   */
  logLevel?: LogLevel | undefined;
  /** Header names whose values logs show as [redacted], besides Authorization and cookies. */
  secretHeaders?: string[] | undefined;
  /** Default: user-extra-client/<version>, outside browsers only (it would need CORS). */
  userAgent?: string | undefined;
  /**
   * Opt-in: validate every 2xx body against the spec's schema (pass `validateResponses` from
   * "@user-extra/client/validate"); by default only what each method relies on is checked.
   */
  validateResponses?: ((operationId: OperationId, body: unknown) => string | undefined) | undefined;
}

export function createUserExtraClient(options: ClientOptions): UserExtraClient {
  const { token, baseUrl = DEFAULT_BASE_URL, timeoutMs = 60_000, maxRetries = 2 } = options ?? {};
  if (typeof token !== "function" && (typeof token !== "string" || !token.trim())) {
    throw new InvalidInputError(
      "token",
      "Invalid token: missing, empty or not a string; pass a non-empty string or a function returning one",
    );
  }
  let base: URL;
  try {
    base = new URL(baseUrl, globalThis.location?.href);
    if (!/^https?:$/.test(base.protocol)) throw 0;
  } catch {
    throw new InvalidInputError(
      "baseUrl",
      `Invalid baseUrl: ${JSON.stringify(baseUrl)} is not an absolute http(s) URL`,
    );
  }
  checkRequestOptions({ timeoutMs, maxRetries });
  // The option wins; else USER_EXTRA_LOG (empty counts as unset), named in its own error.
  const fromEnv = options.logLevel === undefined;
  const logLevel =
    options.logLevel ??
    (((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env
      .USER_EXTRA_LOG || undefined) as LogLevel | undefined);

  const userAgent =
    options.userAgent ??
    (typeof document === "undefined" ? `user-extra-client/${VERSION}` : undefined);
  const send = createTransport({
    fetch: options.fetch ?? ((r, init) => globalThis.fetch(r, init)),
    token:
      typeof token === "string"
        ? () => token
        : async () => {
            const t = await token();
            if (typeof t !== "string" || !t) {
              throw new UserExtraError("The token function returned no token; no request was sent");
            }
            return t;
          },
    timeoutMs,
    maxRetries,
    log: createLog(options.logger, logLevel, fromEnv ? "USER_EXTRA_LOG" : "logLevel"),
    debug: logLevel === "debug",
    base,
    secret: (options.secretHeaders ?? []).map((h) => h.toLowerCase()),
    validate: options.validateResponses as TransportConfig["validate"],
  });
  // openapi-fetch puts the default headers on every Request it builds; the transport adds the
  // per-call headers and the token.
  const headers = { ...(userAgent && { "user-agent": userAgent }), ...options.headers };
  // Redirects are followed by the transport, and only under baseUrl (the token goes along).
  const raw = createClient<paths>({
    baseUrl: base.href,
    fetch: send(),
    headers,
    redirect: "manual",
  });
  return userExtraResource(raw, send, base);
}
