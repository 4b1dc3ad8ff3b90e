// The six operations of /user_extra/ plus auto-pagination. Paths, verbs, parameters and
// bodies are checked by the compiler against the spec's `paths` through openapi-fetch, and at
// run time against the rules generated from the spec.
import {
  type paths,
  USER_EXTRA_CLEARED_FIELDS,
  type UserExtra,
  type UserExtraCreate,
  type UserExtraPage,
  type UserExtraPatch,
  type UserExtraUpdate,
} from "@user-extra/types";
import type { Client } from "openapi-fetch";
import { APIPromise } from "../core/api-promise.js";
import { walkPagesAhead } from "../core/pages-ahead.js";
import { recordsOf, walkPages } from "../core/pagination.js";
import { checkBody, checkInt, required, toQuery } from "../core/validate.js";
import type { GetQuery, ListQuery, OperationId } from "../generated/api.gen.js";
import { BODIES, GET_FILTERS, ID, LIST_FILTERS } from "../generated/checks.gen.js";
import {
  type Check,
  checkRequestOptions,
  type Fetch,
  type PageOptions,
  type RequestOptions,
  type SendOptions,
  type WithResponse,
} from "../internal/transport.js";

export interface UserExtraClient {
  /** One page of records. */
  list(query?: ListQuery, options?: RequestOptions): APIPromise<UserExtraPage>;
  /**
   * Every record matching the filters, following `next` page by page (or `concurrency` pages
   * at once, in order).
   */
  listAll(query?: ListQuery, options?: PageOptions): AsyncIterable<UserExtra>;
  /** Every page matching the filters, following `next` (or `concurrency` pages at once, in order). */
  pages(query?: ListQuery, options?: PageOptions): AsyncIterable<UserExtraPage>;
  get(id: number, query?: GetQuery, options?: RequestOptions): APIPromise<UserExtra>;
  /**
   * POST: retried only with `options.idempotencyKey`. A second record for the same parent is a
   * ConflictError.
   */
  create(body: UserExtraCreate, options?: RequestOptions): APIPromise<UserExtra>;
  /**
   * PUT: sets every writable field. Fields `body` leaves out are sent as cleared (null, false
   * for `accept_terms`), so the record is the same on a provider that resets omitted fields
   * and on one that keeps them (as DRF does). To change some fields only, use `patch`.
   */
  update(id: number, body: UserExtraUpdate, options?: RequestOptions): APIPromise<UserExtra>;
  /** PATCH: changes only the fields given. */
  patch(id: number, body: UserExtraPatch, options?: RequestOptions): APIPromise<UserExtra>;
  delete(id: number, options?: RequestOptions): APIPromise<void>;
  /** The openapi-fetch client, with the same auth, retries and timeouts (it does not throw on non-2xx). */
  raw: Client<paths>;
}

/** The PUT body: every writable field, the cleared value where `body` gives none (or undefined). */
function fullUpdate(body: UserExtraUpdate) {
  const full: Record<string, unknown> = { ...body };
  for (const k in USER_EXTRA_CLEARED_FIELDS) {
    full[k] ??= USER_EXTRA_CLEARED_FIELDS[k as keyof typeof USER_EXTRA_CLEARED_FIELDS];
  }
  return full;
}

// What each method relies on in a 2xx body, checked cheaply (full validation is opt-in).
type Body = { id?: unknown; results?: unknown; next?: unknown; count?: unknown } | null;
const isRecord: Check = (d) =>
  Number.isInteger((d as Body)?.id) ? undefined : "body is not a record (no integer id)";
const isPage: Check = (d) => {
  const p = d as Body;
  // `next` may be absent (a provider that omits it on the last page): the walk ends there.
  return Array.isArray(p?.results) &&
    typeof p.count === "number" &&
    (p.next == null || typeof p.next === "string")
    ? undefined
    : "body is not a page (count, next, results)";
};

type Out<T = unknown> = WithResponse<T> & { url: string };
type Init = { fetch: Fetch; bodySerializer?: () => string };

export function userExtraResource(
  raw: Client<paths>,
  send: (o: SendOptions) => Fetch,
  base: URL,
): UserExtraClient {
  /**
   * Runs one call: `go` validates its input, then sends through openapi-fetch with the `init`
   * it is given (the transport, and the serialized body if any). The transport reads and
   * checks the response and hands back the outcome; openapi-fetch only builds the request.
   */
  const call = <T>(
    op: OperationId,
    check: Check,
    o: (RequestOptions & Pick<SendOptions, "stop">) | undefined,
    go: (init: (body?: unknown, url?: string) => Init) => Promise<unknown>,
  ) =>
    new APIPromise<T>(
      (async () => {
        if (o) checkRequestOptions(o);
        const sdk: NonNullable<SendOptions["sdk"]> = { check, op };
        await go((body, url) => {
          // Serialized once: openapi-fetch sends these bytes and a retry resends the same ones.
          const text = body === undefined ? undefined : JSON.stringify(body);
          return {
            fetch: send({ ...o, sdk, url, body: text }),
            ...(text !== undefined && { bodySerializer: () => text }),
          };
        });
        return sdk.out as Out<T>;
      })(),
    );

  const firstPage = (q?: ListQuery, o?: RequestOptions) =>
    call<UserExtraPage>("listUserExtras", isPage, o, (init) => {
      const query = toQuery(q, LIST_FILTERS);
      return raw.GET("/user_extra/", { params: { query }, ...init() });
    });

  const pages = (q?: ListQuery, options: PageOptions = {}) => {
    toQuery(q, LIST_FILTERS);
    // Validated now, not at the first iteration.
    const { concurrency = 1, ...o } = options;
    checkRequestOptions(o);
    checkInt("concurrency", concurrency, 1);
    // The page with the URL it came from (after redirects), for the loop check.
    const withUrl = (p: APIPromise<UserExtraPage>) =>
      p.withResponse().then((r): [UserExtraPage, string] => [r.data, (r as Out).url]);
    const first = () => withUrl(firstPage(q, o));
    const at = (url: string, stop?: AbortSignal) =>
      withUrl(
        call("listUserExtras", isPage, { ...o, stop }, (init) =>
          raw.GET("/user_extra/", init(undefined, url)),
        ),
      );
    return concurrency === 1
      ? walkPages(first, at, base)
      : walkPagesAhead(first, at, base, concurrency);
  };

  return {
    list: firstPage,
    pages,
    listAll: (q, o) => recordsOf(pages(q, o)),
    get: (id, q = {}, o) =>
      call("getUserExtra", isRecord, o, (init) => {
        required("id", id, ID);
        const params = { path: { id }, query: toQuery(q, GET_FILTERS) };
        return raw.GET("/user_extra/{id}/", { params, ...init() });
      }),
    create: (body, o) =>
      call("createUserExtra", isRecord, o, (init) => {
        checkBody(body, BODIES.create);
        return raw.POST("/user_extra/", { body, ...init(body) });
      }),
    update: (id, body, o) =>
      call("updateUserExtra", isRecord, o, (init) => {
        required("id", id, ID);
        checkBody(body, BODIES.update);
        const full = fullUpdate(body);
        return raw.PUT("/user_extra/{id}/", { params: { path: { id } }, body, ...init(full) });
      }),
    patch: (id, body, o) =>
      call("partialUpdateUserExtra", isRecord, o, (init) => {
        required("id", id, ID);
        checkBody(body, BODIES.patch);
        return raw.PATCH("/user_extra/{id}/", { params: { path: { id } }, body, ...init(body) });
      }),
    delete: (id, o) =>
      call("deleteUserExtra", null, o, (init) => {
        required("id", id, ID);
        return raw.DELETE("/user_extra/{id}/", { params: { path: { id } }, ...init() });
      }),
    raw,
  };
}
