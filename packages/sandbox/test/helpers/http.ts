// Plain-fetch helpers for talking to a sandbox in tests.
import { type IncomingHttpHeaders, request } from "node:http";
import type { Sandbox } from "../../src/index.js";

// Tests read arbitrary JSON answers and let assertions do the checking.
// biome-ignore lint/suspicious/noExplicitAny: an answer body is whatever JSON the server sent
export type AnyJson = any;

export interface Reply<T = AnyJson> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Calls `path` (relative to the API base, e.g. "/user_extra/") with the demo token by default. */
export async function call<T = AnyJson>(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? sandbox.demoToken : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const url = path.startsWith("http") ? path : `${sandbox.url}${path}`;
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    headers: response.headers,
  };
}

export const TOKENS = { "token-org-1": 1, "token-org-2": 2, "token-org-3": 3 };

/**
 * One request over node:http, for what fetch refuses to send (TRACE, a Host header of one's
 * own). Answers status, headers and the parsed JSON body.
 */
export function rawCall(
  sandbox: Sandbox,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: AnyJson }> {
  const url = new URL(`${sandbox.url}${path}`);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text ? JSON.parse(text) : undefined,
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}
