import { afterEach, describe, expect, it, vi } from "vitest";
import {
  isIdempotent,
  isRetryableStatus,
  MAX_RETRY_AFTER_MS,
  retryDelay,
} from "../../src/core/retry.js";

afterEach(() => vi.restoreAllMocks());

describe("retry policy", () => {
  it("retries every method but POST", () => {
    for (const m of ["GET", "PUT", "PATCH", "DELETE"]) expect(isIdempotent(m)).toBe(true);
    expect(isIdempotent("POST")).toBe(false);
  });

  it("retries 408, 429 and 5xx only", () => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [200, 400, 401, 403, 404, 409, 422]) expect(isRetryableStatus(s)).toBe(false);
  });
});

describe("retryDelay", () => {
  it("doubles from 0.5 s and caps at 8 s when jitter is nil", () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => retryDelay(n, null))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it("jitter removes at most a quarter", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999999);
    const d = retryDelay(1, null);
    expect(d).toBeGreaterThan(750);
    expect(d).toBeLessThan(1000);
  });

  it("honours Retry-After in seconds, capped", () => {
    expect(retryDelay(0, "3")).toBe(3000);
    expect(retryDelay(0, " 0 ")).toBe(0);
    expect(retryDelay(0, "1.5")).toBe(1500);
    expect(retryDelay(0, "86400")).toBe(MAX_RETRY_AFTER_MS);
  });

  it("honours Retry-After as an HTTP date, capped, never negative", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryDelay(0, "Wed, 01 Jan 2025 00:00:07 GMT", now)).toBe(7000);
    expect(retryDelay(0, "Wed, 01 Jan 2025 01:00:00 GMT", now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelay(0, "Tue, 31 Dec 2024 23:59:00 GMT", now)).toBe(0);
  });

  it("falls back to backoff on a Retry-After it cannot read", () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect(retryDelay(2, "soon")).toBe(2000);
    expect(retryDelay(2, "-5")).toBe(2000);
  });
});
