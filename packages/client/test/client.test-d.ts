// The public API at the type level: what compiles and what does not.
import { describe, expectTypeOf, it } from "vitest";
import {
  type APIError,
  type APIPromise,
  type BadRequestError,
  createUserExtraClient,
  type NotFoundError,
  type UserExtra,
  type UserExtraClient,
  type UserExtraPage,
} from "../src/index.js";

const client = createUserExtraClient({ token: "t" });

describe("construction", () => {
  it("takes a string or a (sync or async) token function", () => {
    expectTypeOf(createUserExtraClient).returns.toEqualTypeOf<UserExtraClient>();
    createUserExtraClient({ token: () => "t" });
    createUserExtraClient({ token: async () => "t", timeoutMs: 1, maxRetries: 0 });
    // @ts-expect-error the token is required
    createUserExtraClient({ baseUrl: "http://127.0.0.1" });
    // @ts-expect-error a token function returns a string
    createUserExtraClient({ token: () => 42 });
  });
});

describe("operations", () => {
  it("get, create, update and patch return Promise<UserExtra>; delete Promise<void>", () => {
    expectTypeOf(client.get(1)).toEqualTypeOf<APIPromise<UserExtra>>();
    expectTypeOf(client.create({ parent: 1 })).toEqualTypeOf<APIPromise<UserExtra>>();
    expectTypeOf(client.update(1, {})).toEqualTypeOf<APIPromise<UserExtra>>();
    expectTypeOf(client.patch(1, {})).toEqualTypeOf<APIPromise<UserExtra>>();
    expectTypeOf(client.delete(1)).toEqualTypeOf<APIPromise<void>>();
    expectTypeOf(client.list()).toEqualTypeOf<APIPromise<UserExtraPage>>();
  });

  it("create rejects a body without parent", () => {
    // @ts-expect-error parent is required by the spec
    client.create({ gender: "f" });
  });

  it("patch and update accept {}; PATCH/PUT do not take parent-only fields of the record", () => {
    client.patch(1, {});
    client.update(1, {});
    // @ts-expect-error id is read-only, not part of a PATCH body
    client.patch(1, { id: 2 });
  });

  it("gender is m | f | o | null at compile time", () => {
    client.patch(1, { gender: null });
    // @ts-expect-error "x" is not a gender
    client.patch(1, { gender: "x" });
  });

  it("ids and filters are numbers", () => {
    // @ts-expect-error ids are numbers
    client.get("1");
    // @ts-expect-error limit is a number
    client.list({ limit: "25" });
    // @ts-expect-error an unknown filter
    client.list({ organization: 1 });
    client.list({ parent: 1, organizationId: 2, limit: 3, offset: 4, deviceInfo: true });
  });

  it("listAll and pages are async iterables of records and pages", () => {
    expectTypeOf(client.listAll()).toExtend<AsyncIterable<UserExtra>>();
    expectTypeOf(client.pages({ limit: 50 })).toExtend<AsyncIterable<UserExtraPage>>();
  });

  it("per-call options", () => {
    client.get(
      1,
      { deviceInfo: true },
      { signal: AbortSignal.timeout(1), timeoutMs: 5, maxRetries: 0 },
    );
    // @ts-expect-error unknown option
    client.get(1, {}, { retries: 3 });
  });
});

describe("client.raw is openapi-fetch typed by the spec", () => {
  it("checks paths, verbs and bodies", async () => {
    const { data } = await client.raw.GET("/user_extra/{id}/", { params: { path: { id: 1 } } });
    expectTypeOf(data).toExtend<UserExtra | undefined>();
    expectTypeOf(data?.id).toEqualTypeOf<number | undefined>();
    // @ts-expect-error no such path
    client.raw.GET("/users/");
    // @ts-expect-error POST is not defined on /user_extra/{id}/
    client.raw.POST("/user_extra/{id}/", { params: { path: { id: 1 } }, body: { parent: 1 } });
  });
});

describe("errors", () => {
  it("carry typed bodies", () => {
    expectTypeOf<NotFoundError["body"]>().toEqualTypeOf<{ detail: string } | undefined>();
    expectTypeOf<BadRequestError["fieldErrors"]>().toEqualTypeOf<Record<string, string[]>>();
    expectTypeOf<APIError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<APIError["requestId"]>().toEqualTypeOf<string | undefined>();
  });
});
