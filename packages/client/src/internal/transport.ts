// The fetch wrapper handed to openapi-fetch: headers and auth, per-attempt timeout, retries,
// logging, and (for the SDK's own methods) typed errors. `client.raw` goes through it too.
import { APIUserAbortError, errorFromResponse } from "../core/errors.js";
import { type Log, redactHeaders } from "../core/log.js";
import { isIdempotent, isRetryableStatus, retryDelay } from "../core/retry.js";
import { sleep, withTimeout } from "../core/timeout.js";
import { checkInt } from "../core/validate.js";

/**
 * fetch's own signature. The SDK sends the Request openapi-fetch built and passes the attempt's
 * AbortSignal in `init`, as any fetch accepts it: a Request carrying a signal costs Node 20
 * several times a plain one, and real fetch follows `init.signal` instead of the Request's.
 */
export type Fetch = (input: Request, init?: { signal?: AbortSignal }) => Promise<Response>;

/** Options every method takes as its last argument. */
export interface RequestOptions {
  /** Aborts the request (and any retry wait); the error is APIUserAbortError. */
  signal?: AbortSignal;
  /** Timeout of each attempt in milliseconds (default: the client's, 60000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default: the client's, 2). POST is never retried. */
  maxRetries?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

export interface SendOptions extends RequestOptions {
  /** Turn a non-2xx response into an APIError (the SDK's methods) instead of returning it. */
  throwOnError?: boolean;
  /** Send to this URL instead of the request's (pagination's `next`). */
  url?: string;
  /** The body already serialized by the SDK, kept to resend it intact on a retry. */
  body?: string;
}

export interface TransportConfig {
  fetch: Fetch;
  /** The current token: a string, or a promise of one when the token is a function. */
  token: () => string | Promise<string>;
  timeoutMs: number;
  maxRetries: number;
  log: Log;
  /** Whether debug lines are logged: skips building them otherwise. */
  debug: boolean;
}

export function checkRequestOptions(o: RequestOptions) {
  checkInt("timeoutMs", o.timeoutMs, 1);
  checkInt("maxRetries", o.maxRetries, 0);
}

export function createTransport(cfg: TransportConfig) {
  return (call: SendOptions = {}): Fetch =>
    async (req) => {
      const timeoutMs = call.timeoutMs ?? cfg.timeoutMs;
      const maxRetries = isIdempotent(req.method) ? (call.maxRetries ?? cfg.maxRetries) : 0;
      // The SDK's methods pass the caller's signal in `call`; client.raw's callers put it on
      // the Request (whose own signal never fires otherwise).
      const signals = call.throwOnError ? [call.signal] : [call.signal, req.signal];
      // Every attempt sends the same bytes: the SDK's serialized body, else the Request's, read
      // once (only client.raw with a body, or a retry, rebuilds the Request).
      const body = call.body ?? (req.body && maxRetries > 0 ? await req.arrayBuffer() : undefined);
      const rebuild = call.url !== undefined || req.bodyUsed;
      // Path and query, for errors and logs only (not computed on the happy path).
      const path = () => {
        const url = new URL(call.url ?? req.url);
        return url.pathname + url.search;
      };
      const what = () => `${req.method} ${path()}`;
      // Set once: a rebuilt Request (retry, `next` link) copies them from `req`.
      for (const [k, v] of Object.entries(call.headers ?? {})) req.headers.set(k, v);

      for (let retry = 0; ; retry++) {
        const out =
          retry === 0 && !rebuild
            ? req
            : new Request(call.url ?? req.url, { method: req.method, headers: req.headers, body });
        const token = cfg.token();
        out.headers.set(
          "authorization",
          `Bearer ${typeof token === "string" ? token : await token}`,
        );
        if (cfg.debug) cfg.log("debug", `→ ${what()}`, { headers: redactHeaders(out.headers) });

        let res: Response | undefined;
        let failure: unknown;
        try {
          res = await withTimeout(signals, timeoutMs, what, (signal) => cfg.fetch(out, { signal }));
          if (cfg.debug) cfg.log("debug", `← ${res.status} ${what()}`);
        } catch (e) {
          if (e instanceof APIUserAbortError) throw e;
          failure = e;
        }

        if (retry >= maxRetries || (res && !isRetryableStatus(res.status))) {
          if (!res) throw failure;
          if (call.throwOnError && !res.ok) throw await errorFromResponse(res, req.method, path());
          return res;
        }
        const delay = retryDelay(retry, res?.headers.get("retry-after") ?? null);
        cfg.log(
          "info",
          `${what()} ${res ? `answered ${res.status}` : "failed"}; retry ${retry + 1} of ${maxRetries} in ${Math.round(delay)} ms`,
        );
        // Free the connection; not awaited (a tee'd body's cancel waits for its twin).
        res?.body?.cancel().catch(() => {});
        await sleep(delay, signals, what());
      }
    };
}
