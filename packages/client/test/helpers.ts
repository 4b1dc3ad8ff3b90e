// Test doubles: an injected fetch that records what it receives and answers from a script.
import { createRequire } from "node:module";
import type { UserExtra } from "@user-extra/types";
import { vi } from "vitest";
import { type ClientOptions, createUserExtraClient } from "../src/index.js";

const require = createRequire(import.meta.url);

export const TOKEN = "secret-token-5f1c9a2e7b";
export const BASE = "http://127.0.0.1:4010/api/v1";

export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  signal: AbortSignal;
}

type Answer = Response | Error | ((req: Request) => Response | Promise<Response>);
type Init = { signal?: AbortSignal };

/** Answers are used in order; the last one repeats. */
export function fakeFetch(...answers: Answer[]) {
  const calls: SeenRequest[] = [];
  const fetch = async (req: Request, init?: Init): Promise<Response> => {
    calls.push({
      method: req.method,
      url: new URL(req.url),
      headers: req.headers,
      body: await req.text(),
      // The signal a real fetch would honour: init's, else the Request's.
      signal: init?.signal ?? req.signal,
    });
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    if (answer === undefined) throw new Error("fakeFetch: no answer scripted");
    if (answer instanceof Error) throw answer;
    if (answer instanceof Response) return answer.clone();
    return answer(req);
  };
  return { fetch, calls };
}

/** A fetch that never answers; it rejects like real fetch when its signal aborts. */
export function hangingFetch() {
  const calls: Request[] = [];
  const fetch = (req: Request, init?: Init) =>
    new Promise<Response>((_, reject) => {
      calls.push(req);
      (init?.signal ?? req.signal).addEventListener("abort", () =>
        reject(new DOMException("This operation was aborted", "AbortError")),
      );
    });
  return { fetch, calls };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function record(id: number, fields: Partial<UserExtra> = {}): UserExtra {
  const r: UserExtra = {
    id,
    parent: 100 + id,
    gender: null,
    age_range: null,
    age: null,
    birthday: null,
    locale: null,
    address: null,
    hometown: null,
    city: null,
    state: null,
    postal_code: null,
    country: null,
    location: null,
    telephone: null,
    company: null,
    title: null,
    passport_number: null,
    country_id: null,
    tax_id: null,
    event: null,
    accept_terms: false,
    custom_field_1: null,
    custom_field_2: null,
    custom_field_3: null,
    custom_field_4: null,
    custom_field_5: null,
    custom_field_6: null,
    custom_field_7: null,
    custom_field_8: null,
  };
  return { ...r, ...fields };
}

export function client(
  fetch: (req: Request) => Promise<Response>,
  options: Partial<ClientOptions> = {},
) {
  return createUserExtraClient({ baseUrl: BASE, token: TOKEN, fetch, ...options });
}

/** Settles a promise into its value or error, so that a rejection is never unhandled. */
export function settle<T>(p: Promise<T>): Promise<T | unknown> {
  return p.then(
    (v) => v,
    (e: unknown) => e,
  );
}

/** Under fake timers: starts a call, lets every timer run, and returns its value or error. */
export async function settleWithTimers<T>(p: Promise<T>): Promise<T | unknown> {
  const settled = settle(p);
  await vi.runAllTimersAsync();
  return settled;
}

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  nullable?: boolean;
  type?: string;
};

/**
 * The spec's PUT body fields, read from the bundled spec (not from the client), each with the
 * value a test expects `update()` to send when the caller gives none: null when nullable,
 * false for a boolean that is not.
 */
export function specPutFields(): Record<string, null | false> {
  const spec = require("@user-extra/types/openapi.json") as {
    paths: Record<
      string,
      { put?: { requestBody: { content: Record<string, { schema: Schema }> } } }
    >;
  };
  const deref = (s: Schema): Schema =>
    s.$ref
      ? deref(
          s.$ref
            .slice(2)
            .split("/")
            .reduce<Record<string, unknown>>(
              (at, k) => at[k] as Record<string, unknown>,
              spec,
            ) as Schema,
        )
      : s;
  const out: Record<string, null | false> = {};
  const visit = (raw: Schema) => {
    const s = deref(raw);
    for (const part of s.allOf ?? []) visit(part);
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      out[name] = deref(prop).nullable ? null : false;
    }
  };
  const put = spec.paths["/user_extra/{id}/"]?.put;
  visit(put?.requestBody.content["application/json"]?.schema ?? {});
  return out;
}
