import { describe, expect, it } from "vitest";
import {
  createUserExtraClient,
  DEFAULT_BASE_URL,
  InvalidInputError,
  NotFoundError,
  UserExtraError,
} from "../src/index.js";
import { BASE, client, fakeFetch, json, record, settle, TOKEN } from "./helpers.js";

describe("construction", () => {
  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["blank", "   "],
    ["not a string", 42],
  ])("a %s token fails at once, naming the field", (_, token) => {
    let err: unknown;
    try {
      createUserExtraClient({ token: token as string });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).field).toBe("token");
    expect((err as Error).message).toMatch(/Invalid token: missing, empty or not a string/);
  });

  it("refuses a baseUrl that is not an absolute http(s) URL", () => {
    for (const baseUrl of ["not a url", "ftp://x/api/v1", "/api/v1"]) {
      expect(() => createUserExtraClient({ token: TOKEN, baseUrl })).toThrow(/baseUrl/);
    }
  });

  it("refuses bad timeoutMs and maxRetries", () => {
    expect(() => createUserExtraClient({ token: TOKEN, timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => createUserExtraClient({ token: TOKEN, maxRetries: 1.5 })).toThrow(/maxRetries/);
  });

  it("defaults baseUrl to the spec's server", async () => {
    expect(DEFAULT_BASE_URL).toBe("https://gate.zequenze.com/api/v1");
    const { fetch, calls } = fakeFetch(json(200, record(3)));
    await createUserExtraClient({ token: TOKEN, fetch }).get(3);
    expect(calls[0]?.url.href).toBe("https://gate.zequenze.com/api/v1/user_extra/3/");
  });

  it("keeps a trailing slash in baseUrl harmless", async () => {
    const { fetch, calls } = fakeFetch(json(200, record(3)));
    await client(fetch, { baseUrl: `${BASE}/` }).get(3);
    expect(calls[0]?.url.href).toBe(`${BASE}/user_extra/3/`);
  });

  it("an async token function is awaited; an empty result sends nothing", async () => {
    const ok = fakeFetch(json(200, record(3)));
    await client(ok.fetch, { token: async () => "rotated" }).get(3);
    expect(ok.calls[0]?.headers.get("authorization")).toBe("Bearer rotated");

    const none = fakeFetch(json(200, record(3)));
    const err = await settle(client(none.fetch, { token: () => "" }).get(3));
    expect(err).toBeInstanceOf(UserExtraError);
    expect((err as Error).message).toMatch(/no token/);
    expect(none.calls).toHaveLength(0);
  });
});

describe("client.raw", () => {
  it("is openapi-fetch with the same auth and retries, returning errors instead of throwing", async () => {
    const { fetch, calls } = fakeFetch(
      json(500, {}, { "retry-after": "0" }),
      json(404, { detail: "Not found." }),
    );
    const { data, error, response } = await client(fetch, { maxRetries: 1 }).raw.GET(
      "/user_extra/{id}/",
      { params: { path: { id: 9 } } },
    );
    expect(calls).toHaveLength(2);
    expect(calls.every((c) => c.headers.get("authorization") === `Bearer ${TOKEN}`)).toBe(true);
    expect(data).toBeUndefined();
    expect(error).toEqual({ detail: "Not found." });
    expect(response.status).toBe(404);
  });

  it("the SDK methods throw for the same response", async () => {
    const { fetch } = fakeFetch(json(404, { detail: "Not found." }));
    expect(await settle(client(fetch).get(9))).toBeInstanceOf(NotFoundError);
  });
});
