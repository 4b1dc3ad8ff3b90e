/**
 * What every consumer test shares: the pact (names and folder), the provider-state vocabulary (from
 * @user-extra/pact), the request headers, the matchers of a record, and the client under
 * test pointed at the mock server.
 */
import { readFileSync } from "node:fs";
import { MatchersV3, PactV4 } from "@pact-foundation/pact";
import { createUserExtraClient, type UserExtraClient } from "@user-extra/client";
import { expect } from "vitest";
import { parse } from "yaml";
import { CONSUMER, PACT_DIR, PROVIDER } from "../../src/names";

const { boolean, eachLike, integer, regex, string } = MatchersV3;

export function newPact(): PactV4 {
  return new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: PACT_DIR, logLevel: "warn" });
}

/** The spec's server path: the client's baseUrl ends with it, the pact's paths start with it. */
export const API = "/api/v1";
export const LIST_PATH = `${API}/user_extra/`;
export const itemPath = (id: number) => `${API}/user_extra/${id}/`;

export { STATE } from "@user-extra/pact";

/** The values the states are given; one place, so the interactions agree with each other. */
export const ID = 1;
export const UNKNOWN_ID = 999_999;
export const OTHER_ORG_RECORD_ID = 2;
export const OWN_ORGANIZATION = 1;
export const OTHER_ORGANIZATION = 2;
export const FREE_PARENT = 46;
export const TAKEN_PARENT = 45;

/** Any token: the provider substitutes its own valid one when it verifies. */
const CONSUMER_TOKEN = "consumer-test-token";
/** Obviously not a token any provider issued: the 401 interactions send it. */
export const INVALID_TOKEN = "not-a-valid-token";

/** The header every authenticated interaction sends, matched by shape, not value. */
export const AUTHORIZED = { Authorization: regex("^Bearer .+$", `Bearer ${CONSUMER_TOKEN}`) };
/** The 401 interactions send the invalid token; the provider must not replace it. */
export const UNAUTHORIZED = { Authorization: regex("^Bearer .+$", `Bearer ${INVALID_TOKEN}`) };

/** The client under test, against the mock server, with no retry to hide a wrong answer. */
export function clientFor(mockServerUrl: string, token = CONSUMER_TOKEN): UserExtraClient {
  return createUserExtraClient({ baseUrl: `${mockServerUrl}${API}`, token, maxRetries: 0 });
}

export const DATE = "^\\d{4}-\\d{2}-\\d{2}$";
export const GENDER = "^[mfo]$";

/**
 * What any written record carries whatever the provider put in it: `id` and `accept_terms`
 * (every response of the reference shows both). `parent` is left out: the reference's POST, PUT
 * and PATCH responses omit it. The nullable fields are left out too, so that a provider
 * answering `null` or a value both verify; a body that sets them expects them where it reads
 * them back.
 */
export function storedRecord(fields: { id?: number } = {}) {
  return { id: integer(fields.id ?? ID), accept_terms: boolean(true) };
}

/** A record as GET and the list show it: the reference's GET and list responses carry `parent`. */
export function readRecord(fields: { id?: number; parent?: number } = {}) {
  return { ...storedRecord(fields), parent: integer(fields.parent ?? TAKEN_PARENT) };
}

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  nullable?: boolean;
};

/**
 * The spec's PUT fields with the value that clears each (null; false for a boolean that is not
 * nullable), read from the spec: what `update()` must send for a field it is not given.
 */
export function clearedPutFields(): Record<string, null | false> {
  const spec = parse(
    readFileSync(new URL("../../../../openapi/user-extra.yaml", import.meta.url), "utf8"),
  );
  const at = (ref: string) =>
    ref
      .slice(2)
      .split("/")
      .reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, spec);
  const deref = (s: Schema): Schema => (s.$ref ? deref(at(s.$ref) as Schema) : s);
  const out: Record<string, null | false> = {};
  const visit = (raw: Schema) => {
    const s = deref(raw);
    for (const part of s.allOf ?? []) visit(part);
    for (const [name, prop] of Object.entries(s.properties ?? {}))
      out[name] = deref(prop).nullable ? null : false;
  };
  visit(spec.paths["/user_extra/{id}/"].put.requestBody.content["application/json"].schema);
  return out;
}

/** A DRF-style 400 body: the invalid field maps to a list of messages, worded as the provider likes. */
export const fieldErrors = (field: string) => ({ [field]: eachLike(string("Invalid value.")) });

/** 401/403/404/409 bodies: a `detail` whose wording is the provider's. */
export const detail = () => ({ detail: string("An explanation.") });

/**
 * A value the spec refuses (the reference lists gender m/f/o). The client refuses it before
 * sending, so the 400 interactions send it through `client.raw`, as a caller bypassing the
 * checks would.
 */
export const INVALID_GENDER = "x";

/** Awaits a rejection and checks it is the SDK's typed error for `status`. */
export async function expectApiError<E extends Error>(
  promise: Promise<unknown>,
  errorClass: new (...args: never[]) => E,
  status: number,
): Promise<E & { status: number; body: unknown }> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a ${errorClass.name}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(errorClass);
  const typed = error as E & { status: number; body: unknown };
  expect(typed.status).toBe(status);
  return typed;
}
