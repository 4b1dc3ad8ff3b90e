// The six operations of /user_extra/ plus auto-pagination. Paths, verbs, parameters and
// bodies are checked by the compiler against the spec's `paths` through openapi-fetch.
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
import { UserExtraError } from "../core/errors.js";
import { walkPages } from "../core/pagination.js";
import { checkBody, checkId, checkInt } from "../core/validate.js";
import {
  checkRequestOptions,
  type Fetch,
  type RequestOptions,
  type SendOptions,
} from "../internal/transport.js";

/** Filters of `list`, `listAll` and `pages`. */
export interface ListQuery {
  /** Only the record of this parent user account. */
  parent?: number;
  /** Only records of this organization (another organization answers 403). */
  organizationId?: number;
  /** Page size (default: the server's; a DRF provider clamps it to its maximum). */
  limit?: number;
  /** Index of the first record, from 0. */
  offset?: number;
  /** Include `device_info` in each record. */
  deviceInfo?: boolean;
}

export interface UserExtraClient {
  /** One page of records. */
  list(query?: ListQuery, options?: RequestOptions): Promise<UserExtraPage>;
  /** Every record matching the filters, following `next` page by page. */
  listAll(query?: ListQuery, options?: RequestOptions): AsyncIterable<UserExtra>;
  /** Every page matching the filters, following `next`. */
  pages(query?: ListQuery, options?: RequestOptions): AsyncIterable<UserExtraPage>;
  get(id: number, query?: { deviceInfo?: boolean }, options?: RequestOptions): Promise<UserExtra>;
  /** POST: never retried automatically. A second record for the same parent is a ConflictError. */
  create(body: UserExtraCreate, options?: RequestOptions): Promise<UserExtra>;
  /**
   * PUT: sets every writable field. Fields `body` leaves out are sent as cleared (null, false
   * for `accept_terms`), so the record is the same on a provider that resets omitted fields
   * and on one that keeps them (as DRF does). To change some fields only, use `patch`.
   */
  update(id: number, body: UserExtraUpdate, options?: RequestOptions): Promise<UserExtra>;
  /** PATCH: changes only the fields given. */
  patch(id: number, body: UserExtraPatch, options?: RequestOptions): Promise<UserExtra>;
  delete(id: number, options?: RequestOptions): Promise<void>;
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

function listQuery(q: ListQuery = {}) {
  checkInt("parent", q.parent, 1);
  checkInt("organizationId", q.organizationId, 1);
  checkInt("limit", q.limit);
  checkInt("offset", q.offset);
  return {
    parent: q.parent,
    parent__organization_id: q.organizationId,
    limit: q.limit,
    offset: q.offset,
    device_info: q.deviceInfo,
  };
}

export function userExtraResource(
  raw: Client<paths>,
  send: (o: SendOptions) => Fetch,
  base: URL,
): UserExtraClient {
  // openapi-fetch throws what the transport throws; anything else is its JSON.parse failing.
  const data = async <T>(p: Promise<{ data?: T }>): Promise<T> => {
    try {
      return (await p).data as T;
    } catch (e) {
      if (e instanceof UserExtraError) throw e;
      throw new UserExtraError("The API answered 2xx with a body that is not JSON", {
        cause: e,
      });
    }
  };
  const init = (o: RequestOptions = {}, url?: string, body?: string) => {
    checkRequestOptions(o);
    return { fetch: send({ ...o, throwOnError: true, url, body }) };
  };
  // Serialized once: openapi-fetch sends these bytes and a retry resends the same ones.
  const withBody = <B>(body: B, o?: RequestOptions) => {
    const text = JSON.stringify(body);
    return { body, bodySerializer: () => text, ...init(o, undefined, text) };
  };

  const list = async (q?: ListQuery, o?: RequestOptions) => {
    const query = listQuery(q);
    return data(raw.GET("/user_extra/", { params: { query }, ...init(o) }));
  };

  const pages = (q?: ListQuery, o?: RequestOptions) => {
    listQuery(q);
    init(o); // validate now, not at the first iteration
    return walkPages(
      () => list(q, o),
      (url) => data(raw.GET("/user_extra/", init(o, url))),
      base,
    );
  };

  return {
    list,
    pages,
    listAll(q, o) {
      const it = pages(q, o);
      return (async function* () {
        for await (const page of it) yield* page.results;
      })();
    },
    async get(id, q = {}, o) {
      checkId(id);
      const params = { path: { id }, query: { device_info: q.deviceInfo } };
      return data(raw.GET("/user_extra/{id}/", { params, ...init(o) }));
    },
    async create(body, o) {
      checkBody(body, true);
      return data(raw.POST("/user_extra/", withBody(body, o)));
    },
    async update(id, body, o) {
      checkId(id);
      checkBody(body);
      const full = fullUpdate(body);
      return data(raw.PUT("/user_extra/{id}/", { params: { path: { id } }, ...withBody(full, o) }));
    },
    async patch(id, body, o) {
      checkId(id);
      checkBody(body);
      return data(
        raw.PATCH("/user_extra/{id}/", { params: { path: { id } }, ...withBody(body, o) }),
      );
    },
    async delete(id, o) {
      checkId(id);
      await data(raw.DELETE("/user_extra/{id}/", { params: { path: { id } }, ...init(o) }));
    },
    raw,
  };
}
