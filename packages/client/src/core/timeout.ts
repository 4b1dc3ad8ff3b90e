// Per-attempt timeout composed with the caller's signals, and an abortable sleep for backoff.
// Plain setTimeout (not AbortSignal.timeout) so that fake timers drive both in tests.
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from "./errors.js";

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
 * Runs `run` with a signal that aborts after `ms` or when a caller signal aborts, and turns a
 * failure into the error that says which fired: timeout, caller abort, or the connection.
 * `what` describes the request, computed only when an error needs it.
 */
export async function withTimeout<T>(
  signals: Signals,
  ms: number,
  what: () => string,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (aborted(signals)) throw userAbort(what());
  const ctl = new AbortController();
  let timedOut = false;
  const stop = listen(signals, () => ctl.abort());
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, ms);
  try {
    return await run(ctl.signal);
  } catch (cause) {
    if (timedOut) {
      throw new APIConnectionTimeoutError(`Request timed out after ${ms} ms: ${what()}`, { cause });
    }
    if (aborted(signals)) throw userAbort(what(), cause);
    throw new APIConnectionError(`Connection error: ${what()}`, { cause });
  } finally {
    clearTimeout(timer);
    stop();
  }
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
