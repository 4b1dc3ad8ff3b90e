// The fetch wrapper handed to openapi-fetch: headers and auth, per-attempt timeout, retries,
// logging, and (for the SDK's own methods) typed errors. `client.raw` goes through it too.
import { APIUserAbortError, errorFromResponse } from "../core/errors.js";
import { type Log, redactHeaders } from "../core/log.js";
import { isIdempotent, isRetryableStatus, retryDelay } from "../core/retry.js";
import { sleep, withTimeout } from "../core/timeout.js";
import { checkInt } from "../core/validate.js";

export type Fetch = (input: Request) => Promise<Response>;

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
}

export interface TransportConfig {
  fetch: Fetch;
  token: () => Promise<string>;
  headers: Record<string, string>;
  timeoutMs: number;
  maxRetries: number;
  log: Log;
}

export function checkRequestOptions(o: RequestOptions) {
  checkInt("timeoutMs", o.timeoutMs);
  checkInt("maxRetries", o.maxRetries, 0);
}

export function createTransport(cfg: TransportConfig) {
  return (call: SendOptions = {}): Fetch =>
    async (req) => {
      checkRequestOptions(call);
      const timeoutMs = call.timeoutMs ?? cfg.timeoutMs;
      const maxRetries = isIdempotent(req.method) ? (call.maxRetries ?? cfg.maxRetries) : 0;
      const signals = [call.signal, req.signal];
      // Read once: every attempt sends the same bytes.
      const body = req.body ? await req.arrayBuffer() : undefined;
      const target = new URL(call.url ?? req.url);
      const path = `${target.pathname}${target.search}`;
      const what = `${req.method} ${path}`;
      for (let retry = 0; ; retry++) {
        const headers = new Headers(cfg.headers);
        for (const [k, v] of [...req.headers, ...Object.entries(call.headers ?? {})]) {
          headers.set(k, v);
        }
        headers.set("authorization", `Bearer ${await cfg.token()}`);
        cfg.log("debug", `→ ${what}`, { headers: redactHeaders(headers) });

        let res: Response | undefined;
        let failure: unknown;
        try {
          res = await withTimeout(signals, timeoutMs, what, (signal) =>
            cfg.fetch(new Request(call.url ?? req, { method: req.method, body, headers, signal })),
          );
          cfg.log("debug", `← ${res.status} ${what}`);
        } catch (e) {
          if (e instanceof APIUserAbortError) throw e;
          failure = e;
        }

        if (retry >= maxRetries || (res && !isRetryableStatus(res.status))) {
          if (!res) throw failure;
          if (call.throwOnError && !res.ok) {
            throw await errorFromResponse(res, req.method, path);
          }
          return res;
        }
        const delay = retryDelay(retry, res?.headers.get("retry-after") ?? null);
        cfg.log(
          "info",
          `${what} ${res ? `answered ${res.status}` : "failed"}; retry ${retry + 1} of ${maxRetries} in ${Math.round(delay)} ms`,
        );
        // Free the connection; not awaited (a tee'd body's cancel waits for its twin).
        res?.body?.cancel().catch(() => {});
        await sleep(delay, signals, what);
      }
    };
}
