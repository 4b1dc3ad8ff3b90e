// `concurrency` for pages/listAll, against an in-memory limit/offset provider that pages as
// DRF's LimitOffsetPagination does. No timing: answers are released at points the test picks.
import { describe, expect, it } from "vitest";
import { NotFoundError, UserExtraError } from "../../src/index.js";
import { BASE, client, json, record } from "../helpers.js";

interface Sent {
  offset: number;
  signal: AbortSignal | undefined;
}

/**
 * A provider over `ids` (mutable): answers `GET /user_extra/?limit&offset` with DRF's page
 * shape. `hold` keeps answers until `release()`; `after(n)` runs once the n-th request
 * (1-based) is answered, for writes between requests; `fail` answers 404 at that offset.
 */
function provider(total: number, o: { hold?: boolean; fail?: number; next?: typeof drfNext } = {}) {
  const ids = Array.from({ length: total }, (_, i) => i + 1);
  const sent: Sent[] = [];
  const held: { offset: number; answer: () => void }[] = [];
  const writes = new Map<number, () => void>();
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = async (req: Request, init?: { signal?: AbortSignal }) => {
    const url = new URL(req.url);
    const limit = Number(url.searchParams.get("limit") ?? 25);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    sent.push({ offset, signal: init?.signal });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    if (o.hold) await new Promise<void>((answer) => held.push({ offset, answer }));
    inFlight--;
    writes.get(sent.length)?.();
    if (offset === o.fail) return json(404, { detail: "Not found." });
    const next = (o.next ?? drfNext)(url, offset, limit, ids.length);
    const page = ids.slice(offset, offset + limit);
    return json(200, {
      count: ids.length,
      next,
      previous: null,
      results: page.map((id) => record(id)),
    });
  };
  return {
    ids,
    sent,
    fetch,
    maxInFlight: () => maxInFlight,
    after: (n: number, write: () => void) => writes.set(n, write),
    /** Answers the held request at `offset`, or all of them, the latest first (out of order). */
    release: (offset?: number) => {
      for (const h of [...held].reverse()) {
        if (offset !== undefined && h.offset !== offset) continue;
        held.splice(held.indexOf(h), 1);
        h.answer();
      }
    },
  };
}

function drfNext(url: URL, offset: number, limit: number, count: number): string | null {
  if (offset + limit >= count) return null;
  const next = new URL(url);
  next.searchParams.set("limit", String(limit));
  next.searchParams.set("offset", String(offset + limit));
  return next.href;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function ids(it: AsyncIterable<{ id: number }>) {
  const out: number[] = [];
  for await (const r of it) out.push(r.id);
  return out;
}

describe("pages and listAll with concurrency", () => {
  it.each([2, 3, 8])("yields every record in order at concurrency %i", async (concurrency) => {
    const p = provider(23);
    const got = await ids(client(p.fetch).listAll({ limit: 5 }, { concurrency }));
    expect(got).toEqual(p.ids);
    // Each page once, at the offsets the sequential walk requests.
    expect(p.sent.map((s) => s.offset)).toEqual([0, 5, 10, 15, 20]);
  });

  it("has `concurrency` requests in flight and yields in order when they answer out of order", async () => {
    const p = provider(40, { hold: true });
    const pages = client(p.fetch).pages({ limit: 5 }, { concurrency: 3 })[Symbol.asyncIterator]();
    const first = pages.next();
    await turn();
    p.release(); // the first page
    expect((await first).value?.results[0]?.id).toBe(1);
    await turn();
    // Requested ahead while the caller holds the first page: three, no more.
    expect(p.sent.map((s) => s.offset)).toEqual([0, 5, 10, 15]);
    const seen: number[] = [];
    for (;;) {
      const step = pages.next();
      await turn();
      p.release();
      const { value, done } = await step;
      if (done) break;
      seen.push(value.results[0]?.id ?? 0);
      // Requested or answered and not yet yielded: never more than `concurrency`.
      expect(p.sent.length - (seen.length + 1)).toBeLessThanOrEqual(3);
    }
    expect(seen).toEqual([6, 11, 16, 21, 26, 31, 36]);
    expect(p.maxInFlight()).toBe(3);
  });

  it("aborts what is in flight on an early break, and sends nothing more", async () => {
    const p = provider(100, { hold: true });
    const walk = (async () => {
      for await (const r of client(p.fetch).listAll({ limit: 10 }, { concurrency: 4 })) {
        if (r.id === 1) break;
      }
    })();
    await turn();
    p.release(); // the first page; the break comes at its first record
    await walk;
    const ahead = p.sent.slice(1);
    expect(ahead.map((s) => s.offset)).toEqual([10, 20, 30, 40]);
    expect(ahead.every((s) => s.signal?.aborted)).toBe(true);
    await turn();
    expect(p.sent).toHaveLength(5);
  });

  it("yields the pages before a failing one, then its error; aborts the rest and sends nothing more", async () => {
    const p = provider(100, { hold: true, fail: 20 });
    const got: number[] = [];
    const walk = (async () => {
      for await (const r of client(p.fetch).listAll({ limit: 10 }, { concurrency: 3 })) {
        got.push(r.id);
      }
    })().catch((e: unknown) => e);
    await turn();
    p.release(0);
    await turn();
    expect(p.sent.map((s) => s.offset)).toEqual([0, 10, 20, 30]);
    p.release(20); // answers 404 while 10 and 30 are in flight
    await turn();
    expect(p.sent[3]?.signal?.aborted).toBe(true); // the page after the failing one
    expect(p.sent[1]?.signal?.aborted).toBe(false); // the page before it is still wanted
    p.release(10);
    expect(await walk).toBeInstanceOf(NotFoundError);
    expect(got).toEqual(p.ids.slice(0, 20));
    await turn();
    expect(p.sent.map((s) => s.offset)).toEqual([0, 10, 20, 30]);
  });

  // The walk sends the sequential walk's requests, in its order, only earlier: a write
  // between two requests shifts records across pages exactly as it does sequentially.
  it.each([
    ["a record deleted before the page it was on", (ids: number[]) => ids.splice(12, 1)],
    ["a record deleted from a page already read", (ids: number[]) => ids.splice(2, 1)],
    ["a record appended", (ids: number[]) => ids.push(1000)],
    [
      "many records appended",
      (ids: number[]) => ids.push(...Array.from({ length: 17 }, (_, i) => 1000 + i)),
    ],
    ["most records deleted", (ids: number[]) => ids.splice(5)],
  ])("under a concurrent write (%s) yields what the sequential walk yields", async (_, write) => {
    for (const afterRequest of [1, 2, 3]) {
      const walk = async (concurrency: number) => {
        const p = provider(33);
        p.after(afterRequest, () => write(p.ids));
        return ids(client(p.fetch).listAll({ limit: 5 }, { concurrency }));
      };
      const sequential = await walk(1);
      expect(await walk(4)).toEqual(sequential);
    }
  });

  it("follows `next` as given when a provider's links do not step by the limit", async () => {
    // A provider whose next page starts one record later than the limit says.
    const skewed = (url: URL, offset: number, limit: number, count: number) =>
      offset + limit >= count ? null : drfNext(url, offset + 1, limit, count + 1);
    const walk = (concurrency: number) => {
      const p = provider(23, { next: skewed });
      return ids(client(p.fetch).listAll({ limit: 5 }, { concurrency }));
    };
    expect(await walk(4)).toEqual(await walk(1));
  });

  it("follows `next` one by one when its links carry no offset", async () => {
    const pages = [
      { count: 3, next: `${BASE}/user_extra/?cursor=b`, previous: null, results: [record(1)] },
      { count: 3, next: `${BASE}/user_extra/?cursor=c`, previous: null, results: [record(2)] },
      { count: 3, next: null, previous: null, results: [record(3)] },
    ];
    const sent: string[] = [];
    const fetch = async (req: Request) => {
      sent.push(new URL(req.url).search);
      return json(200, pages[sent.length - 1]);
    };
    expect(await ids(client(fetch).listAll({}, { concurrency: 4 }))).toEqual([1, 2, 3]);
    expect(sent).toEqual(["", "?cursor=b", "?cursor=c"]);
  });

  it("refuses a first page's next link outside baseUrl before requesting ahead", async () => {
    const fetch = async () =>
      json(200, {
        count: 50,
        next: "http://127.0.0.2:4010/api/v1/user_extra/?limit=5&offset=5",
        previous: null,
        results: [record(1)],
      });
    const error = await ids(client(fetch).listAll({ limit: 5 }, { concurrency: 4 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserExtraError);
    expect(String(error)).toMatch(/outside baseUrl/);
  });

  it.each([0, -1, 1.5, "2", Number.NaN])("refuses concurrency %s when called", (concurrency) => {
    const p = provider(3);
    const call = () => client(p.fetch).listAll({}, { concurrency: concurrency as number });
    expect(call).toThrow(UserExtraError);
    expect(call).toThrow(/concurrency.*an integer >= 1/);
    expect(p.sent).toHaveLength(0);
  });
});
