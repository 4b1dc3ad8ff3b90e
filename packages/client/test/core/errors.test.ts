import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  APIResponseValidationError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UserExtraError,
} from "../../src/index.js";
import { BASE, client, fakeFetch, hangingFetch, json, settle, TOKEN } from "../helpers.js";

// maxRetries 0: these tests are about mapping, not retrying.
const getWith = async (res: Response) => {
  const { fetch } = fakeFetch(res);
  return settle(client(fetch, { maxRetries: 0 }).get(7));
};

describe("status to error class", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
    [418, APIError],
    [422, APIError],
  ])("%i -> %o", async (status, cls) => {
    const err = await getWith(json(status, { detail: "nope" }));
    expect(err).toBeInstanceOf(cls);
    expect(err).toBeInstanceOf(APIError);
    expect(err).toBeInstanceOf(UserExtraError);
    expect((err as APIError).status).toBe(status);
    expect((err as Error).name).toBe(cls.name);
  });

  it("an unlisted 4xx is a plain APIError, not a subclass", async () => {
    const err = await getWith(json(422, { detail: "x" }));
    expect(err).not.toBeInstanceOf(BadRequestError);
    expect(err).not.toBeInstanceOf(InternalServerError);
  });
});

describe("what an API error carries", () => {
  it("status, typed body, method, path, response headers and request id", async () => {
    const err = (await getWith(
      json(404, { detail: "Not found." }, { "x-request-id": "req-123", "x-extra": "1" }),
    )) as NotFoundError;
    expect(err.body).toEqual({ detail: "Not found." });
    expect(err.method).toBe("GET");
    expect(err.path).toBe("/api/v1/user_extra/7/");
    expect(err.headers["x-extra"]).toBe("1");
    expect(err.requestId).toBe("req-123");
    expect(err.message).toContain("Not found.");
    expect(err.message).toContain("GET /api/v1/user_extra/7/");
    expect(err.message).toContain("req-123");
    expect(err.excerpt).toBeUndefined();
  });

  it("reads the request id from request-id too", async () => {
    const err = (await getWith(json(500, { detail: "boom" }, { "request-id": "r-9" }))) as APIError;
    expect(err.requestId).toBe("r-9");
  });

  it("400 exposes the field errors map and names the fields in the message", async () => {
    const body = { gender: ['"x" is not a valid choice.'], non_field_errors: ["bad"] };
    const { fetch } = fakeFetch(json(400, body));
    const err = (await settle(client(fetch).patch(7, { age: 3 }))) as BadRequestError;
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.fieldErrors).toEqual(body);
    expect(err.body).toEqual(body);
    expect(err.message).toContain('gender: "x" is not a valid choice.');
    expect(err.message).toContain("PATCH /api/v1/user_extra/7/");
  });

  it("a 400 whose body is not a field map has an empty fieldErrors", async () => {
    const err = (await getWith(json(400, ["odd"]))) as BadRequestError;
    expect(err.fieldErrors).toEqual({});
  });
});

describe("bodies that are not JSON", () => {
  it("an HTML 502 from a proxy: typed error, body undefined, short excerpt", async () => {
    const html = `<html>\n  <head><title>502 Bad Gateway</title></head>\n<body>${"x".repeat(500)}</body></html>`;
    const err = (await getWith(
      new Response(html, { status: 502, headers: { "content-type": "text/html" } }),
    )) as InternalServerError;
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.body).toBeUndefined();
    expect(err.excerpt).toMatch(/^<html> <head><title>502 Bad Gateway<\/title><\/head>/);
    expect(err.excerpt?.length).toBeLessThanOrEqual(201);
    expect(err.message).toContain("502 Bad Gateway");
    expect(err.message.length).toBeLessThan(300);
  });

  it("an empty body", async () => {
    const err = (await getWith(new Response(null, { status: 503 }))) as APIError;
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.body).toBeUndefined();
    expect(err.excerpt).toBe("");
    expect(err.message).toContain("empty body");
  });

  it("truncated JSON", async () => {
    const err = (await getWith(
      new Response('{"detail": "Not fou', { status: 404 }),
    )) as NotFoundError;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.body).toBeUndefined();
    expect(err.excerpt).toBe('{"detail": "Not fou');
  });

  it("a body whose stream breaks midway is a connection error (it is retried like one)", async () => {
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"detail":'));
        c.error(new Error("socket hang up"));
      },
    });
    const err = await getWith(new Response(stream, { status: 500 }));
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(err).not.toBeInstanceOf(SyntaxError);
  });

  it("a 2xx with a body that is not JSON is an APIResponseValidationError, not a SyntaxError", async () => {
    const err = await getWith(new Response("<html>ok</html>", { status: 200 }));
    expect(err).toBeInstanceOf(APIResponseValidationError);
    expect(err).toBeInstanceOf(UserExtraError);
    expect((err as APIResponseValidationError).excerpt).toBe("<html>ok</html>");
  });
});

describe("toJSON", () => {
  const roundTrip = (e: unknown) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>;

  it("an API error: name, message, status, request id, method and path; never the token", async () => {
    const { fetch } = fakeFetch(json(404, { detail: "Not found." }, { "x-request-id": "rid-9" }));
    const err = await settle(
      client(fetch, { maxRetries: 0 }).get(7, {}, { headers: { authorization: "x" } }),
    );
    expect(roundTrip(err)).toEqual({
      name: "NotFoundError",
      message: "404 GET /api/v1/user_extra/7/: Not found. (request id rid-9)",
      status: 404,
      requestId: "rid-9",
      method: "GET",
      path: "/api/v1/user_extra/7/",
    });
  });

  it.each([
    ["connection", () => fakeFetch(new TypeError("fetch failed")).fetch, "APIConnectionError"],
    ["timeout", () => hangingFetch().fetch, "APIConnectionTimeoutError"],
  ])("a %s error has its name, message, method and path", async (_, make, name) => {
    const err = await settle(client(make(), { maxRetries: 0, timeoutMs: 1 }).delete(7));
    const j = roundTrip(err);
    expect(j).toMatchObject({ name, method: "DELETE", path: "/api/v1/user_extra/7/" });
    expect(String(j.message)).toContain("DELETE /api/v1/user_extra/7/");
    expect(JSON.stringify(err)).not.toContain(TOKEN);
  });

  it("an abort error and an input error are not {}", async () => {
    const { fetch } = fakeFetch(json(200, {}));
    const abort = await settle(client(fetch).get(7, {}, { signal: AbortSignal.abort() }));
    expect(roundTrip(abort)).toMatchObject({ name: "APIUserAbortError" });
    expect(String(roundTrip(abort).message)).toContain("aborted");
    const input = await settle(client(fetch).get(-1));
    expect(roundTrip(input)).toMatchObject({ name: "InvalidInputError", field: "id" });
  });
});

describe("instanceof across copies of the package", () => {
  // What another build of this module makes: its own classes, with the same names and brand.
  function foreign(names: string[]) {
    let proto: object = Error.prototype;
    for (const name of names) {
      proto = Object.create(proto, { name: { value: name } });
    }
    Object.defineProperty(proto, Symbol.for("@user-extra/client/error"), { value: true });
    return Object.create(proto);
  }

  it("an error of another copy matches its class and its ancestors, and no other class", () => {
    const e = foreign(["UserExtraError", "APIError", "NotFoundError"]);
    expect(e instanceof NotFoundError).toBe(true);
    expect(e instanceof APIError).toBe(true);
    expect(e instanceof UserExtraError).toBe(true);
    expect(e instanceof ConflictError).toBe(false);
    expect(e instanceof APIConnectionError).toBe(false);
  });

  it("an unbranded object with the same names is not ours", () => {
    const e = Object.create(Object.create(Error.prototype, { name: { value: "NotFoundError" } }));
    expect(e instanceof NotFoundError).toBe(false);
    expect(new Error("x") instanceof UserExtraError).toBe(false);
  });
});

describe("connection errors name the host and the root cause", () => {
  it("the code at cause.cause (Node's fetch) and the host are in the message", async () => {
    const root = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4010"), {
      code: "ECONNREFUSED",
    });
    const { fetch } = fakeFetch(new TypeError("fetch failed", { cause: root }));
    const err = (await settle(client(fetch, { maxRetries: 0 }).get(7))) as Error;
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(err.message).toBe(
      `Connection error: GET /api/v1/user_extra/7/ to ${new URL(BASE).host}: ECONNREFUSED`,
    );
  });
});
