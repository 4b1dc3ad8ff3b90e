// Retry policy: what is retried and how long to wait before the next attempt.

/**
 * POST is retried only with an idempotency key: a lost response may hide a created record.
 * PATCH is safe here (it sets absolute values).
 */
export const isIdempotent = (method: string) => method !== "POST";

/** 408, 429 and 5xx may succeed later; other statuses will not. */
export const isRetryableStatus = (status: number) =>
  status === 408 || status === 429 || status >= 500;

const BASE_MS = 500;
const MAX_BACKOFF_MS = 8_000;
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Delay before retry number `retry` (0 for the first): the server's Retry-After (seconds or
 * an HTTP date, capped at 60 s) when it sends one, else exponential backoff from 0.5 s,
 * capped at 8 s, minus up to 25% jitter so that clients do not retry in lockstep.
 */
export function retryDelay(retry: number, retryAfter: string | null, now = Date.now()): number {
  if (retryAfter) {
    const value = retryAfter.trim();
    // Seconds, or an HTTP date (it has letters; Date.parse alone would accept "-5").
    const ms = /^\d+(\.\d+)?$/.test(value)
      ? Number(value) * 1000
      : /[a-z]/i.test(value)
        ? Date.parse(value) - now
        : Number.NaN;
    if (!Number.isNaN(ms)) return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
  }
  return Math.min(BASE_MS * 2 ** retry, MAX_BACKOFF_MS) * (1 - Math.random() * 0.25);
}
