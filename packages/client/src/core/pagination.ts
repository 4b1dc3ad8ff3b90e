// Walks `next` links one page at a time (memory bounded by one page), refusing links that
// would send the token to another origin and links that would loop forever.
import { UserExtraError } from "./errors.js";

interface Page {
  next: string | null;
}

export async function* walkPages<P extends Page>(
  first: () => Promise<P>,
  fetchNext: (url: string) => Promise<P>,
  base: URL,
): AsyncGenerator<P, void, undefined> {
  const seen = new Set<string>();
  let page = await first();
  for (;;) {
    yield page;
    if (!page.next) return;
    const url = new URL(page.next, base);
    if (url.origin !== base.origin) {
      throw new UserExtraError(
        `Pagination stopped: next link ${url.origin}${url.pathname} is not on baseUrl's origin; no request was sent`,
      );
    }
    if (seen.has(url.href)) {
      throw new UserExtraError(
        `Pagination stopped: the same next link came twice (${url.pathname}${url.search})`,
      );
    }
    seen.add(url.href);
    page = await fetchNext(url.href);
  }
}
