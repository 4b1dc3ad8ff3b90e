// Per-attempt timeout composed with the caller's signals, and an abortable sleep for backoff.
// Plain setTimeout (not AbortSignal.timeout) so that fake timers drive both in tests.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  UserExtraError,
} from "./errors.js";

export type Signals = readonly (AbortSignal | undefined)[];

const aborted = (signals: Signals) => signals.some((s) => s?.aborted);

const userAbort = (what: string, cause?: unknown) =>
  new APIUserAbortError(`Request aborted by the caller: ${what}`, { cause });

function listen(signals: Signals, fn: () => void): () => void {
  for (const s of signals) s?.addEventListener("abort", fn);
  return () => {
    for (const s of signals) s?.removeEventListener("abort", fn);
  };
}

/**
 * fetch's `init` for one attempt. Its AbortSignal is made when the fetch reads it, which a real
 * fetch does at once: a stubbed or custom fetch that ignores it costs nothing (Node 20 takes
 * about 5 µs to make a signal, a tenth of a whole stubbed call).
 */
class AttemptInit {
  #ctl: AbortController | undefined;
  get signal(): AbortSignal {
    this.#ctl ??= new AbortController();
    return this.#ctl.signal;
  }
  /** Aborts the signal if a fetch took it; nothing listens otherwise. */
  abort(reason: unknown) {
    this.#ctl?.abort(reason);
  }
}

/**
 * Runs `run` (the whole attempt: headers and body) with an `init` whose signal aborts after
 * `ms` or when a caller signal aborts, and turns a failure into the error that says which
 * fired: timeout, caller abort, or the connection. The race does not rely on `run` honouring
 * the signal: a body stream that ignores it (an injected fetch, a stalled proxy) is given up on
 * all the same. `what` describes the request, computed only when an error needs it.
 *
 * Written with one promise and no async function: this runs on every attempt, and each await,
 * closure and listener is memory the garbage collector then spends time on.
 */
export function withTimeout<T>(
  signals: Signals,
  ms: number,
  what: () => string,
  run: (init: { readonly signal: AbortSignal }) => Promise<T>,
  host = "",
): Promise<T> {
  if (aborted(signals)) return Promise.reject(userAbort(what()));
  const init = new AttemptInit();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timedOut = false;
    const settle = (ok: boolean, value: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop?.();
      if (ok) resolve(value as T);
      else reject(failure(value, timedOut, signals, ms, what, host));
    };
    const abort = () => {
      // The reason an AbortSignal gives when aborted without one.
      const reason = new DOMException("This operation was aborted", "AbortError");
      init.abort(reason);
      settle(false, reason);
    };
    // No listener on our own signal (addEventListener is costly on Node's AbortSignal), and
    // none at all when the caller gave no signal.
    const stop = signals.some(Boolean) ? listen(signals, abort) : undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      abort();
    }, ms);
    run(init).then(
      (v) => settle(true, v),
      (e) => settle(false, e),
    );
  });
}

/** The error an attempt failed with: which of timeout, caller abort or the connection. */
function failure(
  cause: unknown,
  timedOut: boolean,
  signals: Signals,
  ms: number,
  what: () => string,
  host: string,
): unknown {
  if (timedOut) {
    return new APIConnectionTimeoutError(`Request timed out after ${ms} ms: ${what()}`, { cause });
  }
  if (aborted(signals)) return userAbort(what(), cause);
  if (cause instanceof UserExtraError) return cause;
  return new APIConnectionError(`Connection error: ${what()}${describeCause(cause, host)}`, {
    cause,
  });
}

/** " to <host>: <code of the root cause>", the code sitting at cause.cause in Node's fetch. */
function describeCause(cause: unknown, host: string): string {
  let root = cause as { cause?: unknown; code?: unknown; message?: unknown } | undefined;
  while (root?.cause && typeof root.cause === "object") root = root.cause as typeof root;
  const code = typeof root?.code === "string" ? root.code : root?.message;
  return `${host && ` to ${host}`}${code ? `: ${code}` : ""}`;
}

/** Waits `ms`, or rejects with APIUserAbortError as soon as a caller signal aborts. */
export function sleep(ms: number, signals: Signals, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (aborted(signals)) return reject(userAbort(what));
    const stop = listen(signals, () => {
      clearTimeout(timer);
      reject(userAbort(what));
    });
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
  });
}
