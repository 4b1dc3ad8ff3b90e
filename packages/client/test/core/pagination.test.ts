import { describe, expect, it } from "vitest";
import type { UserExtraPage } from "../../src/index.js";
import { UserExtraError } from "../../src/index.js";
import { BASE, client, fakeFetch, json, record, settle, TOKEN } from "../helpers.js";

const page = (ids: number[], next: string | null, count = 5): UserExtraPage => ({
  count,
  next,
  previous: null,
  results: ids.map((id) => record(id)),
});
const url = (offset: number) => `${BASE}/user_extra/?limit=2&offset=${offset}`;

async function collect<T>(it: AsyncIterable<T>) {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("auto-pagination", () => {
  it("listAll yields every record, following next with the same auth", async () => {
    const { fetch, calls } = fakeFetch(
      json(200, page([1, 2], url(2))),
      json(200, page([3, 4], url(4))),
      json(200, page([5], null)),
    );
    const ids = (await collect(client(fetch).listAll({ limit: 2, organizationId: 9 }))).map(
      (r) => r.id,
    );
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(calls.map((c) => c.url.href)).toEqual([
      `${BASE}/user_extra/?parent__organization_id=9&limit=2`,
      url(2),
      url(4),
    ]);
    expect(calls.every((c) => c.headers.get("authorization") === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("pages yields whole pages and stops on next: null", async () => {
    const { fetch } = fakeFetch(json(200, page([1, 2], url(2))), json(200, page([3], null)));
    const pages = await collect(client(fetch).pages({ limit: 2 }));
    expect(pages.map((p) => p.results.length)).toEqual([2, 1]);
  });

  it("is lazy: breaking out fetches no further page", async () => {
    const { fetch, calls } = fakeFetch(json(200, page([1, 2], url(2))));
    for await (const r of client(fetch).listAll({ limit: 2 })) if (r.id === 1) break;
    expect(calls).toHaveLength(1);
  });

  it("accepts a relative next link, resolved against baseUrl", async () => {
    const { fetch, calls } = fakeFetch(
      json(200, page([1], "/api/v1/user_extra/?offset=1")),
      json(200, page([2], null)),
    );
    expect(await collect(client(fetch).listAll())).toHaveLength(2);
    expect(calls[1]?.url.href).toBe(`${BASE}/user_extra/?offset=1`);
  });

  it.each([
    ["another host", "http://evil.example/api/v1/user_extra/?offset=2"],
    ["another port", "http://127.0.0.1:4011/api/v1/user_extra/?offset=2"],
    ["another scheme", "https://127.0.0.1:4010/api/v1/user_extra/?offset=2"],
  ])("refuses a next link on %s and sends nothing there", async (_, next) => {
    const { fetch, calls } = fakeFetch(json(200, page([1, 2], next)));
    const seen: number[] = [];
    const err = await settle(
      (async () => {
        for await (const r of client(fetch).listAll()) seen.push(r.id);
      })(),
    );
    expect(err).toBeInstanceOf(UserExtraError);
    expect((err as Error).message).toContain(new URL(next).origin);
    expect((err as Error).message).toContain("no request was sent");
    expect(seen).toEqual([1, 2]); // the first page's records were delivered
    expect(calls).toHaveLength(1);
    expect(calls.every((c) => c.url.origin === new URL(BASE).origin)).toBe(true);
  });

  it("stops on a repeated next link instead of looping", async () => {
    const { fetch, calls } = fakeFetch(
      json(200, page([1], url(2))),
      json(200, page([2], url(4))),
      json(200, page([3], url(2))),
    );
    const err = await settle(collect(client(fetch).listAll()));
    expect(err).toBeInstanceOf(UserExtraError);
    expect((err as Error).message).toMatch(/was fetched already/);
    expect(calls).toHaveLength(3);
  });

  it("a page that points to itself stops after one extra request", async () => {
    const { fetch, calls } = fakeFetch(json(200, page([1], url(0))));
    const err = await settle(collect(client(fetch).pages()));
    expect(err).toBeInstanceOf(UserExtraError);
    expect(calls).toHaveLength(2);
  });
});

describe("listAll's iterator", () => {
  it("keeps the records' order when next() is called again before a page arrives", async () => {
    const { fetch, calls } = fakeFetch(
      json(200, page([1, 2], url(2))),
      json(200, page([], url(4))), // an empty page in the middle is skipped
      json(200, page([3], null)),
    );
    const it = client(fetch).listAll({ limit: 2 })[Symbol.asyncIterator]();
    const steps = await Promise.all([it.next(), it.next(), it.next(), it.next(), it.next()]);
    expect(steps.map((s) => (s.done ? "done" : s.value.id))).toEqual([1, 2, 3, "done", "done"]);
    expect(calls).toHaveLength(3);
  });

  it("return() ends it: no record and no request after", async () => {
    const { fetch, calls } = fakeFetch(json(200, page([1, 2], url(2))), json(200, page([3], null)));
    const it = client(fetch).listAll({ limit: 2 })[Symbol.asyncIterator]();
    expect((await it.next()).value?.id).toBe(1);
    expect(await it.return?.()).toEqual({ value: undefined, done: true });
    expect(await it.next()).toEqual({ value: undefined, done: true });
    expect(calls).toHaveLength(1);
  });
});
