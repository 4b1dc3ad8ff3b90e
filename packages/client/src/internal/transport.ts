// The fetch wrapper handed to openapi-fetch: headers and auth, the per-attempt timeout (headers
// and body), redirects kept under baseUrl, retries, logging, and (for the SDK's own methods)
// typed errors and the 2xx body checked against what the method returns.
import { errorFromResponse } from "../core/error-from-response.js";
import {
  APIConnectionError,
  APIResponseValidationError,
  excerptOf,
  UserExtraError,
} from "../core/errors.js";
import { type Log, redactHeaders } from "../core/log.js";
import { isUnder } from "../core/pagination.js";
import { isIdempotent, isRetryableStatus, retryDelay } from "../core/retry.js";
import { sleep, withTimeout } from "../core/timeout.js";
import { checkInt, fail } from "../core/validate.js";

/**
 * fetch's own signature. The SDK sends the Request openapi-fetch built and passes the attempt's
 * AbortSignal in `init`, as any fetch accepts it: a Request carrying a signal costs Node 20
 * several times a plain one, and real fetch follows `init.signal` instead of the Request's.
 */
export type Fetch = (input: Request, init?: { signal?: AbortSignal }) => Promise<Response>;

/** Options every method takes as its last argument. Each accepts `undefined` (the default). */
export interface RequestOptions {
  /** Aborts the request (and any retry wait); the error is APIUserAbortError. */
  signal?: AbortSignal | undefined;
  /** Timeout of each attempt, response headers and body, in milliseconds (default: the client's, 60000). */
  timeoutMs?: number | undefined;
  /**
   * Retries after the first attempt (default: the client's, 2). A POST is retried only with
   * an `idempotencyKey`.
   */
  maxRetries?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
  /**
   * Sent as `Idempotency-Key`; makes a POST retried like the other methods. Only safe when
   * the provider honours the key (answers a repeated key with the first outcome).
   */
  idempotencyKey?: string | undefined;
}

/** Options of `pages` and `listAll`. */
export interface PageOptions extends RequestOptions {
  /**
   * Pages requested at once (default 1: one after the other). Above 1, the pages after the
   * first are requested ahead by offset, at most this many in flight, and yielded in order.
   */
  concurrency?: number | undefined;
}

/** A method's data with the response it came from. */
export interface WithResponse<T> {
  data: T;
  /** The final response (its body already read). */
  response: Response;
  /** `x-request-id` (or `request-id`) response header. */
  requestId: string | undefined;
}

/** The problem with a 2xx body, if the method relies on something it lacks; null: no body. */
export type Check = ((data: unknown) => string | undefined) | null;

export interface SendOptions extends RequestOptions {
  /** The SDK's methods: typed errors, and the 2xx body parsed and checked into `out`. */
  sdk?: {
    check: Check;
    /** The spec's operationId, for the opt-in full validation. */
    op: string;
    out?: WithResponse<unknown> & { url: string };
  };
  /** Send to this URL instead of the request's (pagination's `next`). */
  url?: string | undefined;
  /** Aborts the call like the caller's signal (a page requested ahead that is no longer wanted). */
  stop?: AbortSignal | undefined;
  /** The body already serialized by the SDK, kept to resend it intact on a retry. */
  body?: string | undefined;
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
  /** Requests, redirects and `next` links stay under it. */
  base: URL;
  /** Header names (lower case) redacted in logs besides the usual credentials. */
  secret: string[];
  /** Opt-in full validation of 2xx bodies (@user-extra/client/validate). */
  validate: ((operationId: string, body: unknown) => string | undefined) | undefined;
}

export function checkRequestOptions(o: RequestOptions) {
  checkInt("timeoutMs", o.timeoutMs, 1);
  checkInt("maxRetries", o.maxRetries, 0);
  if (
    o.idempotencyKey !== undefined &&
    (typeof o.idempotencyKey !== "string" || !o.idempotencyKey)
  ) {
    fail("idempotencyKey", o.idempotencyKey, "a non-empty string");
  }
}

const rid = (h: Headers) => h.get("x-request-id") ?? h.get("request-id") ?? undefined;

/**
 * An SDK call's outcome. A class, not an object literal: a literal with a getter made Node 20
 * spend twice as long per call in JSON.parse and the GC (list of 25: 270 vs 115 µs, measured).
 */
class Outcome implements WithResponse<unknown> {
  data: unknown;
  response: Response;
  /** The URL answered (after redirects), for pagination's loop check. */
  url: string;
  constructor(data: unknown, response: Response, url: string) {
    this.data = data;
    this.response = response;
    this.url = url;
  }
  /** Read only if asked for: a header lookup costs on every call. */
  get requestId() {
    return rid(this.response.headers);
  }
}

export function createTransport(cfg: TransportConfig) {
  const { base } = cfg;
  let empty: Response | undefined;
  return (call: SendOptions = {}): Fetch =>
    async (req) => {
      const { method } = req;
      const timeoutMs = call.timeoutMs ?? cfg.timeoutMs;
      const key = call.idempotencyKey;
      const maxRetries = isIdempotent(method) || key ? (call.maxRetries ?? cfg.maxRetries) : 0;
      if (cfg.debug && !isIdempotent(method) && !key && call.maxRetries) {
        cfg.log("debug", "maxRetries ignored: a POST is retried only with an idempotencyKey");
      }
      // The SDK's methods pass the caller's signal in `call`; client.raw's callers put it on
      // the Request (whose own signal never fires otherwise).
      const signals = call.sdk ? [call.signal, call.stop] : [call.signal, req.signal];
      // Every attempt (and a 307/308 redirect) sends the same bytes: the SDK's serialized
      // body, else the Request's, read once.
      const body = call.body ?? (req.body ? await req.arrayBuffer() : undefined);
      // The Request can go as is unless its body was read above (or the URL differs).
      const rebuild = call.url !== undefined || (call.body === undefined && req.bodyUsed);
      let url = call.url ?? req.url;
      // Path and query, for errors and logs only (not computed on the happy path).
      const path = () => {
        const u = new URL(url);
        return u.pathname + u.search;
      };
      const what = () => `${method} ${path()}`;
      const headers = req.headers;
      for (const k in call.headers) headers.set(k, call.headers[k] as string);
      if (key) headers.set("idempotency-key", key);
      const request = (to: string, h = headers) =>
        new Request(to, { method, headers: h, body, redirect: "manual" });

      for (let retry = 0; ; retry++) {
        url = call.url ?? req.url;
        const out = retry === 0 && !rebuild ? req : request(url);
        const token = cfg.token();
        out.headers.set(
          "authorization",
          `Bearer ${typeof token === "string" ? token : await token}`,
        );
        if (cfg.debug) {
          cfg.log("debug", `→ ${what()}`, { headers: redactHeaders(out.headers, cfg.secret) });
        }
        const start = cfg.debug ? Date.now() : 0;

        let res: Response | undefined;
        let text = "";
        let failure: unknown;
        try {
          // The whole attempt is under the timeout: redirects, headers, body.
          [res, text] = await withTimeout(
            signals,
            timeoutMs,
            what,
            async (init) => {
              for (let r = out, hops = 0; ; hops++) {
                const res = await cfg.fetch(r, init);
                const to = redirect(res, url, method, hops);
                if (!to) return [res, res.status === 204 ? "" : await res.text()] as const;
                res.body?.cancel().catch(() => {});
                url = to;
                r = request(to, out.headers);
              }
            },
            base.host,
          );
          if (cfg.debug) {
            const id = rid(res.headers);
            cfg.log(
              "debug",
              `← ${res.status} ${what()} ${Date.now() - start} ms${id ? ` (request id ${id})` : ""}`,
            );
          }
        } catch (e) {
          if (!(e instanceof APIConnectionError)) throw e;
          if (method === "POST") e.message += " (the POST may have been applied)";
          Object.assign(e, { method, path: path() });
          failure = e;
        }

        if (retry >= maxRetries || (res && !isRetryableStatus(res.status))) {
          if (!res) throw failure;
          if (!call.sdk) {
            return new Response(text || null, {
              status: res.status,
              statusText: res.statusText,
              headers: res.headers,
            });
          }
          if (!res.ok) throw errorFromResponse(res, text, method, path());
          call.sdk.out = new Outcome(parse(res, text, call.sdk), res, url);
          // The outcome is in `out`; a bodiless 204 tells openapi-fetch there is nothing to read
          // (one for all calls: it is never read, and a Response costs to build).
          empty ??= new Response(null, { status: 204 });
          return empty;
        }
        const delay = retryDelay(retry, res?.headers.get("retry-after") ?? null);
        cfg.log(
          "info",
          `${what()} ${res ? `answered ${res.status}` : "failed"}; retry ${retry + 1} of ${maxRetries} in ${Math.round(delay)} ms`,
        );
        await sleep(delay, signals, what());
      }

      /** The JSON of a 2xx, or the typed error saying what is wrong with it. */
      function parse(res: Response, text: string, { check, op }: { check: Check; op: string }) {
        if (check === null) return undefined;
        let data: unknown;
        let problem: string | undefined;
        try {
          data = JSON.parse(text);
          problem = check(data) ?? cfg.validate?.(op, data);
        } catch {
          problem = text ? "body is not JSON" : "empty body";
        }
        if (!problem) return data;
        throw new APIResponseValidationError(
          res.status,
          data,
          method,
          path(),
          Object.fromEntries(res.headers),
          excerptOf(text),
          `${problem}${method === "POST" ? "; the request may have been applied" : ""}: ${excerptOf(text) || "(nothing)"}`,
        );
      }
    };

  /** The URL a redirect leads to, if it is one the SDK follows; throws for one it refuses. */
  function redirect(res: Response, from: string, method: string, hops: number) {
    const refuse = (why: string) => {
      throw new UserExtraError(
        `Redirect refused: ${res.status} ${method} ${new URL(from).pathname} ${why}; nothing was sent there`,
      );
    };
    // A browser hides the target of a manual redirect (status 0).
    if (res.type === "opaqueredirect") refuse("(target hidden by the browser)");
    const location = res.status >= 300 && res.status <= 308 && res.headers.get("location");
    if (!location) return undefined;
    const to = new URL(location, from);
    if (!isUnder(to, base)) refuse(`to ${to.origin}${to.pathname}, outside baseUrl ${base.href}`);
    if (res.status < 307 && method !== "GET" && method !== "HEAD") {
      refuse(`to ${to.pathname} would turn the ${method} into a GET`);
    }
    if (hops >= 5) refuse("after 5 redirects");
    return to.href;
  }
}
