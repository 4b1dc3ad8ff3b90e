// Retries, bodies and headers as seen by the injected fetch.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  ConflictError,
  InternalServerError,
  RateLimitError,
} from "../../src/index.js";
import { client, fakeFetch, json, record, settle, settleWithTimers, TOKEN } from "../helpers.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

const run = settleWithTimers;

const ok = json(200, record(7));
const netDown = new TypeError("fetch failed");

describe("retry counts per method and status", () => {
  type Call = (c: ReturnType<typeof client>) => Promise<unknown>;
  const calls: Record<"GET" | "PUT" | "PATCH" | "DELETE" | "POST", Call> = {
    GET: (c) => c.get(7),
    PUT: (c) => c.update(7, { city: "Lyon" }),
    PATCH: (c) => c.patch(7, { city: "Lyon" }),
    DELETE: (c) => c.delete(7),
    POST: (c) => c.create({ parent: 7 }),
  };

  it.each(["GET", "PUT", "PATCH", "DELETE"] as const)(
    "%s: 503 is retried twice by default, then thrown",
    async (method) => {
      const { fetch, calls: seen } = fakeFetch(json(503, { detail: "down" }));
      const err = await run(calls[method](client(fetch)));
      expect(err).toBeInstanceOf(InternalServerError);
      expect(seen).toHaveLength(3);
      expect(seen.every((r) => r.method === method)).toBe(true);
    },
  );

  it.each([408, 429, 500, 502, 504])("GET: %i is retried and may then succeed", async (status) => {
    const { fetch, calls: seen } = fakeFetch(json(status, { detail: "later" }), ok);
    const res = await run(client(fetch).get(7));
    expect(res).toEqual(record(7));
    expect(seen).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409])("GET: %i is not retried", async (status) => {
    const { fetch, calls: seen } = fakeFetch(json(status, { detail: "no" }));
    await run(client(fetch).get(7));
    expect(seen).toHaveLength(1);
  });

  it.each([503, 429, 408])("POST is never retried (%i)", async (status) => {
    const { fetch, calls: seen } = fakeFetch(json(status, { detail: "x" }));
    const err = await run(calls.POST(client(fetch, { maxRetries: 5 })));
    expect(seen).toHaveLength(1);
    expect(err).toHaveProperty("status", status);
  });

  it("POST: 409 is a ConflictError after one request", async () => {
    const { fetch, calls: seen } = fakeFetch(json(409, { detail: "exists" }));
    expect(await run(calls.POST(client(fetch)))).toBeInstanceOf(ConflictError);
    expect(seen).toHaveLength(1);
  });

  it("connection errors are retried for GET, not for POST", async () => {
    const get = fakeFetch(netDown, netDown, ok);
    expect(await run(client(get.fetch).get(7))).toEqual(record(7));
    expect(get.calls).toHaveLength(3);

    const post = fakeFetch(netDown, ok);
    const err = await run(client(post.fetch).create({ parent: 7 }));
    expect(err).toBeInstanceOf(APIConnectionError);
    expect((err as Error).cause).toBe(netDown);
    expect(post.calls).toHaveLength(1);
  });

  it("maxRetries per client and per call", async () => {
    const a = fakeFetch(json(500, {}));
    await run(client(a.fetch, { maxRetries: 4 }).get(7));
    expect(a.calls).toHaveLength(5);

    const b = fakeFetch(json(500, {}));
    await run(client(b.fetch, { maxRetries: 4 }).get(7, {}, { maxRetries: 0 }));
    expect(b.calls).toHaveLength(1);

    const c = fakeFetch(json(500, {}));
    await run(client(c.fetch, { maxRetries: 0 }).list({}, { maxRetries: 1 }));
    expect(c.calls).toHaveLength(2);
  });
});

describe("backoff and Retry-After (fake timers)", () => {
  it("waits Retry-After seconds before the next attempt", async () => {
    const { fetch, calls } = fakeFetch(json(429, { detail: "slow" }, { "retry-after": "3" }), ok);
    const p = settle(client(fetch).get(7));
    await vi.advanceTimersByTimeAsync(2999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(await p).toEqual(record(7));
  });

  it("waits until a Retry-After HTTP date", async () => {
    vi.setSystemTime(new Date("2025-01-01T00:00:00Z"));
    const { fetch, calls } = fakeFetch(
      json(503, {}, { "retry-after": "Wed, 01 Jan 2025 00:00:05 GMT" }),
      ok,
    );
    const p = settle(client(fetch).get(7));
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await p;
  });

  it("caps a huge Retry-After at 60 s", async () => {
    const { fetch, calls } = fakeFetch(json(429, {}, { "retry-after": "3600" }), ok);
    const p = settle(client(fetch).get(7));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await p;
  });

  it("without Retry-After waits an exponential backoff", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { fetch, calls } = fakeFetch(json(500, {}), json(500, {}), ok);
    const p = settle(client(fetch).get(7));
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(3);
    await p;
    vi.restoreAllMocks();
  });

  it("the last 429 is a RateLimitError with the response headers", async () => {
    const { fetch } = fakeFetch(json(429, { detail: "slow" }, { "retry-after": "1" }));
    const err = (await run(client(fetch).get(7))) as RateLimitError;
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.headers["retry-after"]).toBe("1");
  });
});

describe("what each attempt sends", () => {
  it("a retried PUT resends the same body and headers", async () => {
    const { fetch, calls } = fakeFetch(json(503, {}), json(502, {}), ok);
    const body = { city: "Lyon", custom_field_1: "é ✓", accept_terms: true };
    await run(client(fetch).update(7, body));
    expect(calls).toHaveLength(3);
    for (const c of calls) {
      expect(c.body).toBe(calls[0]?.body);
      expect(JSON.parse(c.body)).toMatchObject(body);
      expect(c.headers.get("content-type")).toBe("application/json");
      expect(c.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    }
  });

  it("asks a token function again on every attempt (rotation)", async () => {
    let n = 0;
    const token = vi.fn(async () => `tok-${++n}`);
    const { fetch, calls } = fakeFetch(json(503, {}), ok);
    await run(client(fetch, { token }).get(7));
    expect(calls.map((c) => c.headers.get("authorization"))).toEqual([
      "Bearer tok-1",
      "Bearer tok-2",
    ]);
  });

  it("merges client headers, call headers and the user agent", async () => {
    const { fetch, calls } = fakeFetch(ok);
    const c = client(fetch, { headers: { "x-team": "crm", "x-both": "client" } });
    await run(c.get(7, {}, { headers: { "x-both": "call", "x-call": "1" } }));
    const h = calls[0]?.headers;
    expect(h?.get("x-team")).toBe("crm");
    expect(h?.get("x-both")).toBe("call");
    expect(h?.get("x-call")).toBe("1");
    expect(h?.get("user-agent")).toMatch(/^user-extra-client\/\d+\.\d+\.\d+/);

    const custom = fakeFetch(ok);
    await run(client(custom.fetch, { userAgent: "crm-sync/2" }).get(7));
    expect(custom.calls[0]?.headers.get("user-agent")).toBe("crm-sync/2");
  });
});
