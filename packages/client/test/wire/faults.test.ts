// Faults of the wire as an injected fetch produces them: stalled and cut-off bodies, empty and
// wrongly shaped 2xx bodies, redirects and next links leaving baseUrl. Fake timers drive the
// timeouts, so no verdict depends on how fast the machine is.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIResponseValidationError,
  APIUserAbortError,
  UserExtraError,
} from "../../src/index.js";
import {
  BASE,
  client,
  fakeFetch,
  json,
  record,
  settle,
  settleWithTimers,
  TOKEN,
} from "../helpers.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

const run = settleWithTimers;

const enc = new TextEncoder();
/** Headers arrive, then part of the body, then nothing: the stream ignores any signal. */
const stalled = () =>
  new Response(
    new ReadableStream({
      start(c) {
        c.enqueue(enc.encode('{"id": 7, '));
      },
    }),
    { status: 200, headers: { "content-type": "application/json" } },
  );
/** Part of the body, then the connection breaks. */
const cutOff = () =>
  new Response(
    new ReadableStream({
      start(c) {
        c.enqueue(enc.encode('{"id": 7, '));
        c.error(new TypeError("terminated"));
      },
    }),
    { status: 200, headers: { "content-type": "application/json" } },
  );
const page = (next: string | null) => ({ count: 1, next, previous: null, results: [record(1)] });

describe("the timeout and the caller's signal cover the body", () => {
  it("a body that stalls after the headers times out (APIConnectionTimeoutError)", async () => {
    const { fetch } = fakeFetch(stalled);
    const p = settle(client(fetch, { timeoutMs: 1000, maxRetries: 0 }).get(7));
    await vi.advanceTimersByTimeAsync(999);
    let done = false;
    p.then(() => {
      done = true;
    });
    await Promise.resolve();
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const err = await p;
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect((err as Error).message).toContain("GET /api/v1/user_extra/7/");
  });

  it("the caller's signal stops a stalled body (APIUserAbortError)", async () => {
    const ctl = new AbortController();
    const { fetch, calls } = fakeFetch(() => {
      queueMicrotask(() => ctl.abort());
      return stalled();
    });
    const err = await run(client(fetch).get(7, {}, { signal: ctl.signal }));
    expect(err).toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(1);
  });

  it("a stalled body on client.raw times out too", async () => {
    const { fetch } = fakeFetch(stalled);
    const err = await run(
      client(fetch, { timeoutMs: 500, maxRetries: 0 }).raw.GET("/user_extra/{id}/", {
        params: { path: { id: 7 } },
      }),
    );
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
  });
});

describe("a body cut off mid-way", () => {
  it("is a connection error on GET, and retried", async () => {
    const { fetch, calls } = fakeFetch(cutOff, json(200, record(7)));
    expect(await run(client(fetch).get(7))).toEqual(record(7));
    expect(calls).toHaveLength(2);
  });

  it("is a connection error on POST, not retried, saying it may have been applied", async () => {
    const { fetch, calls } = fakeFetch(cutOff, json(201, record(7)));
    const err = await run(client(fetch).create({ parent: 1 }));
    expect(err).toBeInstanceOf(APIConnectionError);
    expect((err as Error).message).toMatch(/POST \/api\/v1\/user_extra\/.*may have been applied/);
    expect(calls).toHaveLength(1);
  });
});

describe("a 2xx body that is not what the method returns", () => {
  const rid = { "x-request-id": "req-42" };
  type C = ReturnType<typeof client>;
  const methods: [string, (c: C) => Promise<unknown>][] = [
    ["get", (c) => c.get(7)],
    ["list", (c) => c.list()],
    ["create", (c) => c.create({ parent: 1 })],
    ["update", (c) => c.update(7, {})],
    ["patch", (c) => c.patch(7, {})],
    [
      "listAll",
      async (c) => {
        for await (const _ of c.listAll());
      },
    ],
  ];

  it.each(methods)("%s: an empty 200 is an APIResponseValidationError", async (name, go) => {
    const { fetch } = fakeFetch(() => new Response("", { status: 200, headers: rid }));
    const err = (await run(go(client(fetch)))) as APIResponseValidationError;
    expect(err).toBeInstanceOf(APIResponseValidationError);
    expect(err.status).toBe(200);
    expect(err.requestId).toBe("req-42");
    expect(err.message).toContain("empty body");
    expect(err.message).toContain("req-42");
    expect(err.message.includes("may have been applied")).toBe(name === "create");
  });

  it.each(methods)(
    "%s: a non-JSON 200 is an APIResponseValidationError with an excerpt",
    async (_, go) => {
      const { fetch } = fakeFetch(() => new Response("<html>maintenance</html>", { status: 200 }));
      const err = (await run(go(client(fetch)))) as APIResponseValidationError;
      expect(err).toBeInstanceOf(APIResponseValidationError);
      expect(err.excerpt).toBe("<html>maintenance</html>");
      expect(err.message).toContain("not JSON");
    },
  );

  it.each(methods)('%s: {"detail": "maintenance"} is not returned as data', async (_, go) => {
    const { fetch } = fakeFetch(json(200, { detail: "maintenance" }, rid));
    const err = (await run(go(client(fetch)))) as APIResponseValidationError;
    expect(err).toBeInstanceOf(APIResponseValidationError);
    expect(err.body).toEqual({ detail: "maintenance" });
    expect(err.excerpt).toContain("maintenance");
    expect(err.requestId).toBe("req-42");
  });

  it("a record returned where a page is expected is refused, and vice versa", async () => {
    const a = fakeFetch(json(200, record(7)));
    expect(await run(client(a.fetch).list())).toBeInstanceOf(APIResponseValidationError);
    const b = fakeFetch(json(200, page(null)));
    expect(await run(client(b.fetch).get(7))).toBeInstanceOf(APIResponseValidationError);
  });

  it("a page without a `next` key is the last one: listAll stops there", async () => {
    const { next: _omitted, ...last } = page(null);
    const { fetch, calls } = fakeFetch(json(200, last));
    const seen: number[] = [];
    for await (const r of client(fetch).listAll({ limit: 1 })) seen.push(r.id);
    expect(seen).toEqual([1]);
    expect(calls).toHaveLength(1);
    const bad = fakeFetch(json(200, { ...last, next: 42 }));
    expect(await run(client(bad.fetch).list())).toBeInstanceOf(APIResponseValidationError);
  });

  it("delete relies on no body: a 204 and a 200 with any body both resolve", async () => {
    const { fetch } = fakeFetch(new Response(null, { status: 204 }), new Response("ok"));
    const c = client(fetch);
    expect(await run(c.delete(7))).toBeUndefined();
    expect(await run(c.delete(7))).toBeUndefined();
  });

  it("a wrongly shaped 200 is not retried", async () => {
    const { fetch, calls } = fakeFetch(json(200, { detail: "maintenance" }));
    await run(client(fetch, { maxRetries: 3 }).get(7));
    expect(calls).toHaveLength(1);
  });
});

describe("redirects stay under baseUrl", () => {
  const redirect = (status: number, location: string) =>
    new Response(null, { status, headers: { location } });

  it("a same-origin redirect under baseUrl is followed with the token", async () => {
    const { fetch, calls } = fakeFetch(
      redirect(301, `${BASE}/user_extra/7/?moved=1`),
      json(200, record(7)),
    );
    const { data, response } = await client(fetch).get(7).withResponse();
    expect(data).toEqual(record(7));
    expect(response.status).toBe(200);
    expect(calls.map((c) => c.url.href)).toEqual([
      `${BASE}/user_extra/7/`,
      `${BASE}/user_extra/7/?moved=1`,
    ]);
    expect(calls[1]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it.each([
    ["another origin", "http://127.0.0.2:4010/api/v1/user_extra/7/"],
    ["another port", "http://127.0.0.1:4011/api/v1/user_extra/7/"],
    ["another service on the same origin", "http://127.0.0.1:4010/other-service/user_extra/7/"],
  ])("a redirect to %s is refused and nothing is sent there", async (_, location) => {
    const { fetch, calls } = fakeFetch(redirect(302, location), json(200, record(7)));
    const err = await run(client(fetch).get(7));
    expect(err).toBeInstanceOf(UserExtraError);
    expect(err).not.toBeInstanceOf(APIConnectionError);
    expect((err as Error).message).toMatch(/Redirect refused: 302 GET .*nothing was sent there/);
    expect((err as Error).message).toContain(new URL(location).origin);
    expect(calls).toHaveLength(1);
  });

  it("a 301 on PATCH is refused: following it would turn the PATCH into a GET", async () => {
    const { fetch, calls } = fakeFetch(redirect(301, `${BASE}/user_extra/7/`));
    const err = await run(client(fetch).patch(7, { city: "Lyon" }));
    expect((err as Error).message).toMatch(/would turn the PATCH into a GET/);
    expect(calls).toHaveLength(1);
  });

  it("a 307 on PUT resends the same method and body", async () => {
    const { fetch, calls } = fakeFetch(
      redirect(307, `${BASE}/user_extra/7/?v=2`),
      json(200, record(7)),
    );
    await run(client(fetch).update(7, { city: "Lyon" }));
    expect(calls.map((c) => c.method)).toEqual(["PUT", "PUT"]);
    expect(calls[1]?.body).toBe(calls[0]?.body);
    expect(JSON.parse(calls[1]?.body ?? "{}").city).toBe("Lyon");
  });

  it("a redirect loop stops with an error", async () => {
    const { fetch, calls } = fakeFetch(redirect(302, `${BASE}/user_extra/7/`));
    const err = await run(client(fetch).get(7));
    expect((err as Error).message).toMatch(/Redirect refused.*after 5 redirects/);
    expect(calls).toHaveLength(6);
  });
});

describe("next links", () => {
  it("a same-origin next outside baseUrl's path is refused before anything is sent", async () => {
    const { fetch, calls } = fakeFetch(
      json(200, page("http://127.0.0.1:4010/other-service/user_extra/?offset=1")),
    );
    const seen: number[] = [];
    const err = await settle(
      (async () => {
        for await (const r of client(fetch).listAll()) seen.push(r.id);
      })(),
    );
    expect(err).toBeInstanceOf(UserExtraError);
    expect((err as Error).message).toMatch(/outside baseUrl/);
    expect(seen).toEqual([1]);
    expect(calls).toHaveLength(1);
  });

  it("a next back to the first page is caught before fetching it again", async () => {
    const first = `${BASE}/user_extra/?limit=1`;
    const { fetch, calls } = fakeFetch(json(200, page(first)));
    const err = await settle(
      (async () => {
        for await (const _ of client(fetch).pages({ limit: 1 }));
      })(),
    );
    expect((err as Error).message).toMatch(/was fetched already/);
    expect(calls.map((c) => c.url.href)).toEqual([first]);
  });
});

describe("the token stays out of the new errors", () => {
  const shows = (e: unknown) =>
    `${(e as Error).message} ${JSON.stringify(e)} ${(e as Error).stack}`;

  it.each([
    ["a wrongly shaped 2xx", () => json(200, { detail: "maintenance" })],
    [
      "a refused redirect",
      () => new Response(null, { status: 302, headers: { location: "http://127.0.0.2/x" } }),
    ],
    ["a cut-off body", cutOff],
  ])("%s: not in its message, JSON or stack", async (_, answer) => {
    const { fetch, calls } = fakeFetch(answer);
    const err = await run(client(fetch, { maxRetries: 0 }).create({ parent: 1 }));
    expect(err).toBeInstanceOf(UserExtraError);
    expect(calls[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`); // it was sent
    expect(shows(err)).not.toContain(TOKEN);
  });
});
