import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLog, LEVELS, type Logger, redactHeaders } from "../../src/core/log.js";
import { APIError, InvalidInputError } from "../../src/index.js";
import { client, fakeFetch, json, record, settle, TOKEN } from "../helpers.js";

function recorder() {
  const lines: { level: string; args: unknown[] }[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      lines.push({ level, args });
  const logger: Logger = {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
  return { logger, lines, text: () => lines.map((l) => inspect(l.args, { depth: 10 })).join("\n") };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("logging", () => {
  it("debug logs each attempt with Authorization redacted, info logs retries", async () => {
    const { logger, lines, text } = recorder();
    const { fetch } = fakeFetch(json(503, {}), json(200, record(1)));
    const p = client(fetch, { logger, logLevel: "debug" }).get(1);
    await vi.runAllTimersAsync();
    await p;
    expect(lines.filter((l) => l.level === "debug").length).toBeGreaterThanOrEqual(4);
    expect(lines.some((l) => l.level === "info" && /retry 1 of 2/.test(String(l.args[0])))).toBe(
      true,
    );
    expect(text()).toContain("[redacted]");
    expect(text()).toContain("GET /api/v1/user_extra/1/");
    expect(text()).not.toContain(TOKEN);
  });

  it("the default level (warn) logs nothing for a retried success", async () => {
    const { logger, lines } = recorder();
    const { fetch } = fakeFetch(json(503, {}), json(200, record(1)));
    const p = client(fetch, { logger }).get(1);
    await vi.runAllTimersAsync();
    await p;
    expect(lines).toEqual([]);
  });

  it('"off" silences everything; an unknown level is refused', () => {
    const { logger, lines } = recorder();
    createLog(logger, "off")("error", "x");
    expect(lines).toEqual([]);
    expect(() => createLog(logger, "verbose" as "debug")).toThrow(InvalidInputError);
  });

  it("redacts credential headers only", () => {
    const h = new Headers({ Authorization: `Bearer ${TOKEN}`, Cookie: "a=b", "X-Ok": "1" });
    expect(redactHeaders(h)).toEqual({
      authorization: "[redacted]",
      cookie: "[redacted]",
      "x-ok": "1",
    });
  });
});

describe("the token stays secret", () => {
  it("absent from the client: JSON, inspect, keys", () => {
    const c = client(fakeFetch(json(200, {})).fetch);
    expect(JSON.stringify(c)).not.toContain(TOKEN);
    expect(inspect(c, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(TOKEN);
  });

  it.each([401, 403, 404, 500])("absent from a %i error and its serializations", async (status) => {
    const { fetch, calls } = fakeFetch(json(status, { detail: "no" }, { "x-request-id": "r1" }));
    const err = (await settle(client(fetch, { maxRetries: 0 }).get(1))) as APIError;
    expect(err).toBeInstanceOf(APIError);
    expect(calls[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`); // it was sent
    expect(err.message).not.toContain(TOKEN);
    expect(JSON.stringify(err)).not.toContain(TOKEN);
    expect(inspect(err, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(
      TOKEN,
    );
    expect(String(err.stack)).not.toContain(TOKEN);
    for (const value of Object.values(err))
      expect(JSON.stringify(value) ?? "").not.toContain(TOKEN);
  });

  it("absent from connection and timeout errors", async () => {
    const { fetch } = fakeFetch(new TypeError("fetch failed"));
    const err = await settle(client(fetch, { maxRetries: 0 }).get(1));
    expect(inspect(err, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(
      TOKEN,
    );
    expect(JSON.stringify(err)).not.toContain(TOKEN);
  });

  it("absent from logs when every level is on, including failures", async () => {
    const { logger, text } = recorder();
    const { fetch } = fakeFetch(new TypeError("fetch failed"), json(401, { detail: "bad token" }));
    const p = settle(client(fetch, { logger, logLevel: "debug" }).get(1));
    await vi.runAllTimersAsync();
    await p;
    expect(text()).not.toContain(TOKEN);
    expect(text()).toContain("[redacted]");
  });
});

describe("what the log lines carry", () => {
  it("each response line has the status, the duration and the request id", async () => {
    const { logger, lines } = recorder();
    // The answer takes 42 ms of the (fake) clock.
    const { fetch } = fakeFetch(() => {
      vi.setSystemTime(Date.now() + 42);
      return json(200, record(1), { "x-request-id": "rid-7" });
    });
    const p = client(fetch, { logger, logLevel: "debug" }).get(1);
    await vi.runAllTimersAsync();
    await p;
    const answer = lines.map((l) => String(l.args[0])).find((m) => m.includes("←"));
    expect(answer).toBe("[user-extra] ← 200 GET /api/v1/user_extra/1/ 42 ms (request id rid-7)");
  });

  it("headers the caller declares secret are redacted, besides the usual ones", async () => {
    const { logger, text } = recorder();
    const { fetch, calls } = fakeFetch(json(200, record(1)));
    const c = client(fetch, {
      logger,
      logLevel: "debug",
      headers: { "X-Partner-Key": "partner-secret-1" },
      secretHeaders: ["x-partner-key", "X-Session"],
    });
    await c.get(1, {}, { headers: { "x-session": "session-secret-2" } });
    expect(calls[0]?.headers.get("x-partner-key")).toBe("partner-secret-1"); // still sent
    expect(text()).not.toContain("partner-secret-1");
    expect(text()).not.toContain("session-secret-2");
    expect(text()).toContain("'x-partner-key': '[redacted]'");
  });

  it("USER_EXTRA_LOG sets the level when logLevel is not given; logLevel wins", async () => {
    vi.stubEnv("USER_EXTRA_LOG", "debug");
    try {
      const a = recorder();
      await client(fakeFetch(json(200, record(1))).fetch, { logger: a.logger }).get(1);
      expect(a.lines.some((l) => l.level === "debug")).toBe(true);
      const b = recorder();
      await client(fakeFetch(json(200, record(1))).fetch, {
        logger: b.logger,
        logLevel: "warn",
      }).get(1);
      expect(b.lines).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("an unknown USER_EXTRA_LOG is refused, naming the variable, its value and the levels", () => {
    vi.stubEnv("USER_EXTRA_LOG", "loud");
    try {
      const err = (() => {
        try {
          client(fakeFetch(json(200, {})).fetch);
        } catch (e) {
          return e;
        }
      })() as InvalidInputError;
      expect(err).toBeInstanceOf(InvalidInputError);
      expect(err.field).toBe("USER_EXTRA_LOG");
      expect(err.message).toBe(`Invalid USER_EXTRA_LOG: "loud" is not one of ${LEVELS.join(", ")}`);
      // The option, when given, is the one named.
      expect(() => client(fakeFetch(json(200, {})).fetch, { logLevel: "loud" as "off" })).toThrow(
        /^Invalid logLevel: "loud"/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("an empty USER_EXTRA_LOG counts as unset (the default level, warn)", async () => {
    vi.stubEnv("USER_EXTRA_LOG", "");
    try {
      const { logger, lines } = recorder();
      const p = client(fakeFetch(json(503, {}), json(200, record(1))).fetch, { logger }).get(1);
      await vi.runAllTimersAsync();
      await p;
      expect(lines).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("POST and retries", () => {
  it("maxRetries on a POST without an idempotency key: one attempt and a debug note", async () => {
    const { logger, lines } = recorder();
    const { fetch, calls } = fakeFetch(json(503, { detail: "busy" }));
    const p = settle(
      client(fetch, { logger, logLevel: "debug" }).create({ parent: 1 }, { maxRetries: 3 }),
    );
    await vi.runAllTimersAsync();
    await p;
    expect(calls).toHaveLength(1);
    expect(
      lines.some(
        (l) => l.level === "debug" && /maxRetries ignored.*idempotencyKey/.test(String(l.args[0])),
      ),
    ).toBe(true);
  });

  it("with an idempotency key a POST is retried, every attempt carrying the same key", async () => {
    const { fetch, calls } = fakeFetch(json(503, { detail: "busy" }), json(201, record(1)));
    const p = client(fetch).create({ parent: 1 }, { idempotencyKey: "signup-45" });
    await vi.runAllTimersAsync();
    expect(await p).toEqual(record(1));
    expect(calls.map((c) => c.headers.get("idempotency-key"))).toEqual(["signup-45", "signup-45"]);
    expect(calls[1]?.body).toBe(calls[0]?.body);
  });

  it("an empty idempotency key is refused before sending", async () => {
    const { fetch, calls } = fakeFetch(json(201, record(1)));
    const err = await settle(client(fetch).create({ parent: 1 }, { idempotencyKey: "" }));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).field).toBe("idempotencyKey");
    expect(calls).toHaveLength(0);
  });
});
