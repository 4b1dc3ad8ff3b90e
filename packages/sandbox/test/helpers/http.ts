// Plain-fetch helpers for talking to a sandbox in tests.
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
