// The same faults from a real HTTP server on 127.0.0.1, through Node's own fetch: what a
// stalled proxy, a dropped connection or a misrouted redirect looks like on the wire.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIResponseValidationError,
  APIUserAbortError,
  createUserExtraClient,
  UserExtraError,
} from "../../src/index.js";
import { record, settle, TOKEN } from "../helpers.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A server whose answer each test sets; it records every request it receives. */
async function start() {
  const seen: { method: string; url: string; auth: string | undefined }[] = [];
  let handler: Handler = (_, res) => res.end();
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", auth: req.headers.authorization });
    req.resume();
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    seen,
    on(h: Handler) {
      handler = h;
      seen.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let api: Awaited<ReturnType<typeof start>>;
let other: Awaited<ReturnType<typeof start>>;
beforeAll(async () => {
  [api, other] = await Promise.all([start(), start()]);
});
afterAll(async () => {
  await Promise.all([api?.close(), other?.close()]);
});

const sdk = (options: { timeoutMs?: number; maxRetries?: number } = {}) =>
  createUserExtraClient({ baseUrl: `${api.origin}/api/v1`, token: TOKEN, ...options });
const sendJson = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json", "x-request-id": "rid-1" });
  res.end(JSON.stringify(body));
};

describe("stalled and truncated bodies", () => {
  it("a body that never completes hits the timeout (the server never finishes it)", async () => {
    api.on((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id": 7, ');
    });
    const err = await settle(sdk({ timeoutMs: 200, maxRetries: 0 }).get(7));
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("the caller's signal stops a body that is still arriving", async () => {
    const ctl = new AbortController();
    api.on((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      // Abort once the headers and part of the body are out.
      res.write('{"id": 7, ', () => ctl.abort());
    });
    const err = await settle(sdk().get(7, {}, { signal: ctl.signal }));
    expect(err).toBeInstanceOf(APIUserAbortError);
    expect(api.seen).toHaveLength(1);
  });

  it("a connection dropped mid-body is retried for GET and then succeeds", async () => {
    let n = 0;
    api.on((_, res) => {
      if (n++ === 0) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
        res.write('{"id": 7, ', () => res.destroy());
      } else sendJson(res, 200, record(7));
    });
    // The backoff before the retry (<= 0.5 s) is real time; the verdict does not depend on it.
    expect(await sdk({ maxRetries: 1 }).get(7)).toEqual(record(7));
    expect(api.seen).toHaveLength(2);
  });

  it("a connection dropped mid-body on POST is one attempt, a connection error", async () => {
    api.on((_, res) => {
      res.writeHead(201, { "content-type": "application/json", "content-length": "500" });
      res.write('{"id": 7, ', () => res.destroy());
    });
    const err = await settle(sdk({ maxRetries: 3 }).create({ parent: 1 }));
    expect(err).toBeInstanceOf(APIConnectionError);
    expect((err as Error).message).toContain("may have been applied");
    expect(api.seen).toHaveLength(1);
  });
});

describe("empty and wrongly shaped 200s", () => {
  it.each([
    ["empty", ""],
    ["not JSON", "<html>maintenance</html>"],
    ["the wrong shape", JSON.stringify({ detail: "maintenance" })],
  ])("a 200 with a body that is %s is an APIResponseValidationError", async (_, body) => {
    api.on((_, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "rid-1" });
      res.end(body);
    });
    const calls: (() => Promise<unknown>)[] = [
      () => sdk().get(7),
      () => sdk().list(),
      () => sdk().create({ parent: 1 }),
    ];
    for (const call of calls) {
      const err = (await settle(call())) as APIResponseValidationError;
      expect(err).toBeInstanceOf(APIResponseValidationError);
      expect(err.status).toBe(200);
      expect(err.requestId).toBe("rid-1");
    }
  });
});

describe("redirects", () => {
  it("a 301 to the slashed path on the same origin is followed", async () => {
    api.on((req, res) => {
      if (req.url === "/api/v1/user_extra/7/") {
        res.writeHead(301, { location: "/api/v1/user_extra/7/?from=301" });
        res.end();
      } else sendJson(res, 200, record(7));
    });
    const { data, requestId } = await sdk().get(7).withResponse();
    expect(data).toEqual(record(7));
    expect(requestId).toBe("rid-1");
    expect(api.seen.map((r) => r.url)).toEqual([
      "/api/v1/user_extra/7/",
      "/api/v1/user_extra/7/?from=301",
    ]);
    expect(api.seen.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("a 302 to another origin is refused and that origin receives nothing", async () => {
    api.on((_, res) => {
      res.writeHead(302, { location: `${other.origin}/api/v1/user_extra/7/` });
      res.end();
    });
    other.on((_, res) => sendJson(res, 200, record(666)));
    const err = await settle(sdk().get(7));
    expect(err).toBeInstanceOf(UserExtraError);
    expect((err as Error).message).toContain(`to ${other.origin}/api/v1/user_extra/7/`);
    expect((err as Error).message).not.toContain(TOKEN);
    expect(other.seen).toHaveLength(0);
  });

  it("client.raw refuses it too", async () => {
    api.on((_, res) => {
      res.writeHead(302, { location: `${other.origin}/api/v1/user_extra/7/` });
      res.end();
    });
    other.on((_, res) => sendJson(res, 200, record(666)));
    const err = await settle(sdk().raw.GET("/user_extra/{id}/", { params: { path: { id: 7 } } }));
    expect(err).toBeInstanceOf(UserExtraError);
    expect(other.seen).toHaveLength(0);
  });
});
