// Limit/offset pagination as Django REST Framework's LimitOffsetPagination answers it: `count`,
// and absolute `next`/`previous` links that keep the request's other query parameters.

/** The page size when a request gives no `limit` (the spec's maximum, 1000, is enforced by validation). */
export const DEFAULT_LIMIT = 25;

export interface PageLinkInput {
  /** Absolute URL of the collection, e.g. `https://sandbox.example/api/v1/user_extra/`. */
  collectionUrl: string;
  /** The request's raw query string (without `?`), whose other parameters are preserved. */
  rawQuery: string;
  limit: number;
  offset: number;
  count: number;
}

function link(collectionUrl: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${collectionUrl}?${query}` : collectionUrl;
}

export function pageLinks(input: PageLinkInput): { next: string | null; previous: string | null } {
  const { collectionUrl, rawQuery, limit, offset, count } = input;
  let next: string | null = null;
  if (offset + limit < count) {
    const params = new URLSearchParams(rawQuery);
    params.set("limit", String(limit));
    params.set("offset", String(offset + limit));
    next = link(collectionUrl, params);
  }
  let previous: string | null = null;
  if (offset > 0) {
    const params = new URLSearchParams(rawQuery);
    params.set("limit", String(limit));
    // Like DRF: the first page's link carries no offset at all.
    if (offset - limit <= 0) params.delete("offset");
    else params.set("offset", String(offset - limit));
    previous = link(collectionUrl, params);
  }
  return { next, previous };
}
