// Limit/offset pagination as Django REST Framework's LimitOffsetPagination does it
// (https://www.django-rest-framework.org/api-guide/pagination/#limitoffsetpagination):
// lenient parameters that fall back instead of failing, and absolute `next`/`previous` links
// that keep the request's other query parameters, sorted by name as DRF's replace_query_param
// writes them.

/** The page size when a request gives no usable `limit`. */
export const DEFAULT_LIMIT = 25;
/** The largest page: a larger `limit` is clamped to it (DRF's `max_limit`). */
export const DEFAULT_MAX_LIMIT = 1000;

/**
 * Python's `int(text)` for the texts a query carries: surrounding whitespace, an optional sign,
 * digits with single underscores between them. Anything else is not an integer (undefined).
 * A bigint, so that no value is rounded whatever its size.
 */
export function pythonInt(text: unknown): bigint | undefined {
  if (typeof text !== "string") return undefined;
  const m = /^\s*([+-]?)(\d(?:_?\d)*)\s*$/.exec(text);
  if (!m) return undefined;
  const value = BigInt((m[2] as string).replace(/_/g, ""));
  return m[1] === "-" ? -value : value;
}

/** DRF's get_limit: a positive integer, clamped to `maxLimit`; otherwise the default. */
export function readLimit(text: unknown, defaultLimit: number, maxLimit: number): number {
  const value = pythonInt(text);
  if (value === undefined || value <= 0n) return defaultLimit;
  return value > BigInt(maxLimit) ? maxLimit : Number(value);
}

/** DRF's get_offset: a non-negative integer; otherwise 0. Kept exact (a bigint). */
export function readOffset(text: unknown): bigint {
  const value = pythonInt(text);
  return value === undefined || value < 0n ? 0n : value;
}

export interface PageLinkInput {
  /** Absolute URL of the collection, e.g. `https://sandbox.example/api/v1/user_extra/`. */
  collectionUrl: string;
  /** The request's raw query string (without `?`), whose other parameters are preserved. */
  rawQuery: string;
  limit: number;
  offset: bigint | number;
  count: number;
}

/** DRF's replace_query_param / remove_query_param: set or drop one key, then sort by key. */
function link(collectionUrl: string, rawQuery: string, set: Record<string, string | null>) {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    byKey.set(key, [...(byKey.get(key) ?? []), value]);
  }
  for (const [key, value] of Object.entries(set)) {
    if (value === null) byKey.delete(key);
    else byKey.set(key, [value]);
  }
  const params = new URLSearchParams();
  for (const key of [...byKey.keys()].sort()) {
    for (const value of byKey.get(key) ?? []) params.append(key, value);
  }
  const query = params.toString();
  return query ? `${collectionUrl}?${query}` : collectionUrl;
}

export function pageLinks(input: PageLinkInput): { next: string | null; previous: string | null } {
  const { collectionUrl, rawQuery, limit, count } = input;
  const offset = BigInt(input.offset);
  const size = BigInt(limit);
  const next =
    offset + size < BigInt(count)
      ? link(collectionUrl, rawQuery, { limit: String(limit), offset: String(offset + size) })
      : null;
  let previous: string | null = null;
  if (offset > 0n) {
    // Like DRF: the link to the first page carries no offset at all.
    previous = link(collectionUrl, rawQuery, {
      limit: String(limit),
      offset: offset - size <= 0n ? null : String(offset - size),
    });
  }
  return { next, previous };
}
