/**
 * The 401, 403 and 404 interactions that GET, PUT, PATCH and DELETE of /user_extra/{id}/ share
 * (same states, same `detail` bodies, same typed errors), and the 400 that PUT and PATCH share.
 * One `it` per interaction still; only the operation (its verb, its body, the client call)
 * differs.
 */
import type { PactV4 } from "@pact-foundation/pact";
import {
  AuthenticationError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  type UserExtraClient,
} from "@user-extra/client";
import { expect, it } from "vitest";
import {
  AUTHORIZED,
  clientFor,
  detail,
  expectApiError,
  fieldErrors,
  ID,
  INVALID_GENDER,
  INVALID_TOKEN,
  itemPath,
  OTHER_ORG_RECORD_ID,
  STATE,
  UNAUTHORIZED,
  UNKNOWN_ID,
} from "./support";

export interface ItemOperation {
  method: "GET" | "PUT" | "PATCH" | "DELETE";
  /** How the interactions' descriptions start, e.g. "a request to replace". */
  request: string;
  /** The JSON body the operation sends, if any. */
  body?: object;
  /** The client call; `body` replaces the operation's own (PUT and PATCH only). */
  call: (client: UserExtraClient, id: number, body?: object) => Promise<unknown>;
}

/** PUT and PATCH: a body the spec refuses, sent through client.raw (the client refuses it first). */
export function itRefusesAnInvalidBody(pact: PactV4, op: ItemOperation) {
  const body = { gender: INVALID_GENDER };
  it("400: a field the spec refuses, reported per field", async () => {
    await pact
      .addInteraction()
      .given(STATE.exists, { id: ID })
      .uponReceiving(`${op.request} user extra ${ID} with a gender outside m/f/o`)
      .withRequest(op.method, itemPath(ID), (b) => b.headers(AUTHORIZED).jsonBody(body))
      .willRespondWith(400, (b) => b.jsonBody(fieldErrors("gender")))
      .executeTest(async (mockServer) => {
        const client = clientFor(mockServer.url);
        await expect(op.call(client, ID, body)).rejects.toBeInstanceOf(InvalidInputError);
        const method = op.method === "PUT" ? client.raw.PUT : client.raw.PATCH;
        const { error, response } = await method("/user_extra/{id}/", {
          params: { path: { id: ID } },
          body: body as never,
        });
        expect(response.status).toBe(400);
        expect(error).toEqual({ gender: [expect.any(String)] });
      });
  });
}

export function itAnswersItemErrors(pact: PactV4, op: ItemOperation) {
  const cases = [
    {
      status: 401,
      title: "401: the caller is not authenticated",
      given: [STATE.unauthenticated, undefined],
      description: `${op.request} user extra ${ID} with an invalid token`,
      id: ID,
      headers: UNAUTHORIZED,
      token: INVALID_TOKEN,
      errorClass: AuthenticationError,
    },
    {
      status: 403,
      title: "403: a record of another organization",
      given: [STATE.existsElsewhere, { id: OTHER_ORG_RECORD_ID }],
      description: `${op.request} a user extra of another organization`,
      id: OTHER_ORG_RECORD_ID,
      headers: AUTHORIZED,
      token: undefined,
      errorClass: PermissionDeniedError,
    },
    {
      status: 404,
      title: "404: no such record",
      given: [STATE.missing, { id: UNKNOWN_ID }],
      description: `${op.request} a user extra that does not exist`,
      id: UNKNOWN_ID,
      headers: AUTHORIZED,
      token: undefined,
      errorClass: NotFoundError,
    },
  ] as const;

  for (const c of cases) {
    it(c.title, async () => {
      const [state, params] = c.given;
      await pact
        .addInteraction()
        .given(state, params)
        .uponReceiving(c.description)
        .withRequest(op.method, itemPath(c.id), (b) => {
          b.headers(c.headers);
          if (op.body) b.jsonBody(op.body);
        })
        .willRespondWith(c.status, (b) => b.jsonBody(detail()))
        .executeTest(async (mockServer) => {
          const error = await expectApiError(
            op.call(clientFor(mockServer.url, c.token), c.id),
            c.errorClass,
            c.status,
          );
          expect(error.body).toEqual({ detail: expect.any(String) });
        });
    });
  }
}
