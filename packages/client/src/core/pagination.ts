// Walks `next` links one page at a time (memory bounded by one page), refusing links that
// would send the token outside baseUrl and links that would loop forever.
import { UserExtraError } from "./errors.js";

export interface Page {
  next?: string | null | undefined;
}

/** A page and the URL it was fetched from (after redirects). */
export type Fetched<P> = [P, string];

/** Under baseUrl: same origin, and a path within baseUrl's (not another service's on that host). */
export function isUnder(url: URL, base: URL): boolean {
  const root = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
  return url.origin === base.origin && url.pathname.startsWith(root);
}

/** A URL with its query parameters sorted, so that reordered parameters still count as seen. */
export const pageKey = (url: URL | string) => {
  const u = new URL(url);
  u.searchParams.sort();
  return u.href;
};

/**
 * The page's `next` link as a URL the walk may fetch, or undefined on the last page. Throws
 * for a link outside baseUrl or one fetched before (`seen` holds the keys of fetched URLs).
 */
export function nextLink(page: Page, base: URL, seen: Set<string>): URL | undefined {
  if (!page.next) return undefined;
  const url = new URL(page.next, base);
  if (!isUnder(url, base)) {
    throw new UserExtraError(
      `Pagination stopped: next link ${url.origin}${url.pathname} is outside baseUrl ${base.href}; no request was sent`,
    );
  }
  if (seen.has(pageKey(url))) {
    throw new UserExtraError(
      `Pagination stopped: next link ${url.pathname}${url.search} was fetched already`,
    );
  }
  return url;
}

/** `first` and `fetchNext` return a page with the URL it was fetched from (after redirects). */
export async function* walkPages<P extends Page>(
  first: () => Promise<Fetched<P>>,
  fetchNext: (url: string) => Promise<Fetched<P>>,
  base: URL,
  seen = new Set<string>(),
): AsyncGenerator<P, void, undefined> {
  let [page, from] = await first();
  for (;;) {
    seen.add(pageKey(from));
    yield page;
    const url = nextLink(page, base, seen);
    if (!url) return;
    [page, from] = await fetchNext(url.href);
  }
}

/**
 * The records of each page in turn. A plain async iterator rather than an async generator's
 * `yield*`, which costs several promises per record: here a record already fetched is one
 * resolved promise. `return()` (a `break`) stops the pages, and with them what is in flight.
 */
export function recordsOf<T>(
  pages: AsyncIterator<{ results: readonly T[] }>,
): AsyncIterableIterator<T> {
  let results: readonly T[] = [];
  let i = 0;
  // A call made while a page is on its way waits for it, so records keep their order.
  let pending: Promise<unknown> | undefined;
  const refill = async (): Promise<IteratorResult<T, undefined>> => {
    for (;;) {
      const r = await pages.next();
      if (r.done) return { value: undefined, done: true };
      results = r.value.results;
      i = 0;
      if (results.length) return { value: results[i++] as T, done: false };
    }
  };
  const it: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => it,
    next() {
      if (pending) return pending.then(() => it.next());
      if (i < results.length) return Promise.resolve({ value: results[i++] as T, done: false });
      const page = refill();
      pending = page.then(
        () => (pending = undefined),
        () => (pending = undefined),
      );
      return page;
    },
    async return() {
      results = [];
      await pages.return?.();
      return { value: undefined, done: true };
    },
  };
  return it;
}
