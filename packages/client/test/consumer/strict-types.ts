// Type-level checks a strict consumer's compiler runs (tarball.test.ts compiles this file
// against the packed package with exactOptionalPropertyTypes on): every optional option
// accepts an explicit `undefined`, derived from the types' own keys, not from a list here.
import {
  type ClientOptions,
  createUserExtraClient,
  type ListQuery,
  type RequestOptions,
  type UserExtra,
  type UserExtraClient,
  type WithResponse,
} from "@user-extra/client";

/** Every optional key of T, set to undefined. */
type AllUndefined<T> = { [K in keyof T as object extends Pick<T, K> ? K : never]-?: undefined };

// Each line compiles only if every optional property of the type accepts `undefined`.
export const clientOptions: Partial<ClientOptions> = {} as AllUndefined<ClientOptions>;
export const requestOptions: RequestOptions = {} as AllUndefined<RequestOptions>;
export const listQuery: ListQuery = {} as AllUndefined<ListQuery>;
type GetQuery = NonNullable<Parameters<UserExtraClient["get"]>[1]>;
export const getQuery: GetQuery = {} as AllUndefined<GetQuery>;

// The shapes a strict codebase writes: values that may be undefined, passed straight on.
const env: Record<string, string | undefined> = {};
const client = createUserExtraClient({
  baseUrl: env.USER_EXTRA_BASE_URL,
  token: env.USER_EXTRA_TOKEN ?? "",
  timeoutMs: env.TIMEOUT ? Number(env.TIMEOUT) : undefined,
  logLevel: undefined,
});
const limit: number | undefined = env.LIMIT ? Number(env.LIMIT) : undefined;
export const page = client.list({ limit, offset: undefined }, { signal: undefined });

// withResponse gives the data typed as the method's.
export const detailed: Promise<WithResponse<UserExtra>> = client.get(1).withResponse();

// @ts-expect-error the token is required, even under exactOptionalPropertyTypes
createUserExtraClient({ baseUrl: undefined });
// @ts-expect-error a filter is a number, not a string
client.list({ parent: "45" });
