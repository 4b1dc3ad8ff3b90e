// Walks `next` links one page at a time (memory bounded by one page), refusing links that
// would send the token outside baseUrl and links that would loop forever.
import { UserExtraError } from "./errors.js";

interface Page {
  next: string | null;
}

/** Under baseUrl: same origin, and a path within baseUrl's (not another service's on that host). */
export function isUnder(url: URL, base: URL): boolean {
  const root = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
  return url.origin === base.origin && url.pathname.startsWith(root);
}

/** A URL with its query parameters sorted, so that reordered parameters still count as seen. */
const key = (url: URL) => {
  const u = new URL(url);
  u.searchParams.sort();
  return u.href;
};

/** `first` and `fetchNext` return a page with the URL it was fetched from (after redirects). */
export async function* walkPages<P extends Page>(
  first: () => Promise<[P, string]>,
  fetchNext: (url: string) => Promise<[P, string]>,
  base: URL,
): AsyncGenerator<P, void, undefined> {
  const seen = new Set<string>();
  let [page, from] = await first();
  for (;;) {
    seen.add(key(new URL(from)));
    yield page;
    if (!page.next) return;
    const url = new URL(page.next, base);
    if (!isUnder(url, base)) {
      throw new UserExtraError(
        `Pagination stopped: next link ${url.origin}${url.pathname} is outside baseUrl ${base.href}; no request was sent`,
      );
    }
    if (seen.has(key(url))) {
      throw new UserExtraError(
        `Pagination stopped: next link ${url.pathname}${url.search} was fetched already`,
      );
    }
    [page, from] = await fetchNext(url.href);
  }
}
