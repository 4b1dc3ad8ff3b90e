import { MatchersV3 } from "@pact-foundation/pact";
import {
  AuthenticationError,
  ConflictError,
  InvalidInputError,
  type UserExtraCreate,
} from "@user-extra/client";
import { describe, expect, it } from "vitest";
import {
  AUTHORIZED,
  clientFor,
  DATE,
  detail,
  expectApiError,
  FREE_PARENT,
  fieldErrors,
  GENDER,
  INVALID_GENDER,
  INVALID_TOKEN,
  LIST_PATH,
  newPact,
  STATE,
  TAKEN_PARENT,
  UNAUTHORIZED,
} from "./support";

const { boolean, integer, regex, string } = MatchersV3;
const pact = newPact();

const profile: UserExtraCreate = {
  parent: FREE_PARENT,
  gender: "f",
  birthday: "1995-06-15",
  city: "New York",
  accept_terms: true,
};

describe("POST /user_extra/ (create)", () => {
  it("201: the created record, with what was sent", async () => {
    await pact
      .addInteraction()
      .given(STATE.parentFree, { parent: FREE_PARENT })
      .uponReceiving("a request to create the user extra of a parent that has none")
      .withRequest("POST", LIST_PATH, (b) => b.headers(AUTHORIZED).jsonBody(profile))
      .willRespondWith(201, (b) =>
        b.jsonBody({
          id: integer(1),
          gender: regex(GENDER, "f"),
          birthday: regex(DATE, "1995-06-15"),
          city: string("New York"),
          accept_terms: boolean(true),
        }),
      )
      .executeTest(async (mockServer) => {
        const record = await clientFor(mockServer.url).create(profile);
        expect(record).toMatchObject({
          id: 1,
          gender: "f",
          birthday: "1995-06-15",
          city: "New York",
          accept_terms: true,
        });
      });
  });

  it("400: a field the spec refuses, reported per field", async () => {
    const body = { parent: FREE_PARENT, gender: INVALID_GENDER };
    await pact
      .addInteraction()
      .given(STATE.parentFree, { parent: FREE_PARENT })
      .uponReceiving("a request to create a user extra with a gender outside m/f/o")
      .withRequest("POST", LIST_PATH, (b) => b.headers(AUTHORIZED).jsonBody(body))
      .willRespondWith(400, (b) => b.jsonBody(fieldErrors("gender")))
      .executeTest(async (mockServer) => {
        const client = clientFor(mockServer.url);
        await expect(client.create(body as UserExtraCreate)).rejects.toBeInstanceOf(
          InvalidInputError,
        );
        const { error, response } = await client.raw.POST("/user_extra/", { body: body as never });
        expect(response.status).toBe(400);
        expect(error).toEqual({ gender: [expect.any(String)] });
      });
  });

  it("401: the caller is not authenticated", async () => {
    await pact
      .addInteraction()
      .given(STATE.unauthenticated)
      .uponReceiving("a request to create a user extra with an invalid token")
      .withRequest("POST", LIST_PATH, (b) =>
        b.headers(UNAUTHORIZED).jsonBody({ parent: FREE_PARENT }),
      )
      .willRespondWith(401, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url, INVALID_TOKEN).create({ parent: FREE_PARENT }),
          AuthenticationError,
          401,
        );
        expect(error.body).toEqual({ detail: expect.any(String) });
      });
  });

  it("409: the parent already has a record", async () => {
    await pact
      .addInteraction()
      .given(STATE.parentTaken, { parent: TAKEN_PARENT })
      .uponReceiving("a request to create a second user extra for a parent")
      .withRequest("POST", LIST_PATH, (b) =>
        b.headers(AUTHORIZED).jsonBody({ parent: TAKEN_PARENT }),
      )
      .willRespondWith(409, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url).create({ parent: TAKEN_PARENT }),
          ConflictError,
          409,
        );
        expect(error.body).toEqual({ detail: expect.any(String) });
      });
  });
});
