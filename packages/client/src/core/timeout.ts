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
 */
export async function withTimeout<T>(
  signals: Signals,
  ms: number,
  what: () => string,
  run: (init: { readonly signal: AbortSignal }) => Promise<T>,
  host = "",
): Promise<T> {
  if (aborted(signals)) throw userAbort(what());
  const init = new AttemptInit();
  let timedOut = false;
  let stop = () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    // One promise settled by the attempt or by whichever abort fires first (no listener on
    // our own signal: addEventListener is costly on Node's AbortSignal, and this runs on
    // every call).
    return await new Promise<T>((resolve, reject) => {
      const abort = () => {
        // The reason an AbortSignal gives when aborted without one.
        const reason = new DOMException("This operation was aborted", "AbortError");
        init.abort(reason);
        reject(reason);
      };
      stop = listen(signals, abort);
      timer = setTimeout(() => {
        timedOut = true;
        abort();
      }, ms);
      run(init).then(resolve, reject);
    });
  } catch (cause) {
    if (timedOut) {
      throw new APIConnectionTimeoutError(`Request timed out after ${ms} ms: ${what()}`, { cause });
    }
    if (aborted(signals)) throw userAbort(what(), cause);
    if (cause instanceof UserExtraError) throw cause;
    throw new APIConnectionError(`Connection error: ${what()}${describeCause(cause, host)}`, {
      cause,
    });
  } finally {
    clearTimeout(timer);
    stop();
  }
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
