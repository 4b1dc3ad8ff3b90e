// Parallel export. With limit/offset and `count`, every remaining page's URL is known after
// the first: its `next` link with the offset stepped by the limit. Up to `concurrency` of
// them are requested ahead and yielded in order. Each is requested at the offset the
// sequential walk would request, in the same order, and used only if it is the page the
// previous page's `next` names; otherwise the walk drops what it planned and follows `next`.
import { type Fetched, nextLink, type Page, pageKey } from "./pagination.js";

export interface CountedPage extends Page {
  count: number;
}

interface Slot<P> {
  url: string;
  ctl: AbortController;
  result: Promise<Fetched<P>>;
}

/** The link's limit and offset, if it pages by both (a link without them is followed as is). */
function pagingOf(url: URL): { limit: number; offset: number } | undefined {
  const limit = Number(url.searchParams.get("limit"));
  const offset = Number(url.searchParams.get("offset"));
  return Number.isSafeInteger(limit) && limit > 0 && Number.isSafeInteger(offset) && offset >= 0
    ? { limit, offset }
    : undefined;
}

/** The URL with its offset removed: two links to pages of one listing have the same shape. */
function shape(url: URL): string {
  const u = new URL(url);
  u.searchParams.delete("offset");
  return pageKey(u);
}

/**
 * `first` fetches the first page; `fetchAt(url, stop)` any other, aborted when `stop` fires.
 * At most `concurrency` requests are in flight or answered and not yet yielded. An early
 * `break` or an error aborts them all and sends nothing more.
 */
export async function* walkPagesAhead<P extends CountedPage>(
  first: () => Promise<Fetched<P>>,
  fetchAt: (url: string, stop: AbortSignal) => Promise<Fetched<P>>,
  base: URL,
  concurrency: number,
): AsyncGenerator<P, void, undefined> {
  const seen = new Set<string>();
  const queue: Slot<P>[] = [];
  let failed = false;
  // What is planned: the listing's link shape, its step, and the next offset to request.
  let plan: { shape: string; template: URL; limit: number; offset: number } | undefined;

  const request = (url: string) => {
    const ctl = new AbortController();
    const slot: Slot<P> = { url, ctl, result: fetchAt(url, ctl.signal) };
    queue.push(slot);
    slot.result.catch(() => {
      if (slot.ctl.signal.aborted) return;
      // The error surfaces when the walk reaches this page; what comes after it is moot.
      failed = true;
      for (const later of queue.slice(queue.indexOf(slot) + 1)) later.ctl.abort();
    });
  };
  const fill = (count: number) => {
    while (plan && !failed && queue.length < concurrency && plan.offset < count) {
      const u = new URL(plan.template);
      u.searchParams.set("offset", String(plan.offset));
      plan.offset += plan.limit;
      request(u.href);
    }
  };
  const drop = () => {
    for (const slot of queue.splice(0)) slot.ctl.abort();
  };

  try {
    let [page, from] = await first();
    for (;;) {
      seen.add(pageKey(from));
      const next = nextLink(page, base, seen);
      if (next && !plan) {
        const paging = pagingOf(next);
        if (paging) plan = { shape: shape(next), template: next, ...paging };
      }
      fill(page.count);
      yield page;
      if (!next) return;
      if (queue[0] && pageKey(queue[0].url) !== pageKey(next)) drop();
      if (!queue[0]) {
        // Nothing planned for this link (count grew, or the provider's next is not the
        // planned one): request it, and plan from it if it has the listing's shape.
        const paging = pagingOf(next);
        plan =
          plan && paging && shape(next) === plan.shape
            ? { ...plan, offset: paging.offset }
            : undefined;
        // This link at least, even where the page's count says the listing ended before it.
        if (plan) fill(Math.max(page.count, plan.offset + 1));
        else request(next.href);
      }
      const head = queue[0] as Slot<P>;
      [page, from] = await head.result;
      queue.shift();
    }
  } finally {
    drop();
  }
}
