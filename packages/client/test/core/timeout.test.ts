import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
} from "../../src/index.js";
import { client, fakeFetch, hangingFetch, json, record, settle } from "../helpers.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("timeout vs caller abort", () => {
  it("the SDK's timeout fires: APIConnectionTimeoutError, after the default 60 s", async () => {
    const { fetch, calls } = hangingFetch();
    const p = settle(client(fetch, { maxRetries: 0 }).get(7));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(calls[0]?.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const err = await p;
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(err).not.toBeInstanceOf(APIUserAbortError);
    expect((err as Error).message).toMatch(
      /timed out after 60000 ms: GET \/api\/v1\/user_extra\/7\//,
    );
  });

  it("a per-call timeoutMs overrides the client's", async () => {
    const { fetch } = hangingFetch();
    const p = settle(
      client(fetch, { maxRetries: 0, timeoutMs: 60_000 }).get(7, {}, { timeoutMs: 100 }),
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(await p).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("the caller's signal fires: APIUserAbortError, not a timeout", async () => {
    const { fetch, calls } = hangingFetch();
    const ctl = new AbortController();
    const p = settle(client(fetch).get(7, {}, { signal: ctl.signal }));
    await vi.advanceTimersByTimeAsync(10);
    ctl.abort();
    const err = await p;
    expect(err).toBeInstanceOf(APIUserAbortError);
    expect(err).not.toBeInstanceOf(APIConnectionError);
    expect(calls).toHaveLength(1); // an abort is never retried
  });

  it("an already aborted signal sends nothing", async () => {
    const { fetch, calls } = fakeFetch(json(200, record(7)));
    const err = await settle(client(fetch).get(7, {}, { signal: AbortSignal.abort() }));
    expect(err).toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(0);
  });

  it("aborting during the backoff wait stops at once", async () => {
    const { fetch, calls } = fakeFetch(json(503, {}, { "retry-after": "30" }));
    const ctl = new AbortController();
    const p = settle(client(fetch).list({}, { signal: ctl.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    ctl.abort();
    expect(await p).toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(1);
  });

  it("the timeout applies per attempt, and a timed-out GET is retried", async () => {
    const { fetch, calls } = hangingFetch();
    const p = settle(client(fetch, { timeoutMs: 1000, maxRetries: 1 }).get(7));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000); // backoff (<= 500 ms) then the second attempt starts
    expect(calls).toHaveLength(2);
    expect(calls[1]?.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await p).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("a timed-out POST is not retried", async () => {
    const { fetch, calls } = hangingFetch();
    const p = settle(client(fetch, { timeoutMs: 1000 }).create({ parent: 1 }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await p).toBeInstanceOf(APIConnectionTimeoutError);
    expect(calls).toHaveLength(1);
  });

  it("a signal passed to client.raw is honoured the same way", async () => {
    const { fetch } = hangingFetch();
    const ctl = new AbortController();
    const p = settle(
      client(fetch).raw.GET("/user_extra/{id}/", {
        params: { path: { id: 7 } },
        signal: ctl.signal,
      }),
    );
    await vi.advanceTimersByTimeAsync(10);
    ctl.abort();
    expect(await p).toBeInstanceOf(APIUserAbortError);
  });
});
