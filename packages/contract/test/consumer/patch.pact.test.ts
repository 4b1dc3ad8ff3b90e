import { MatchersV3 } from "@pact-foundation/pact";
import {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  type UserExtraPatch,
} from "@user-extra/client";
import { describe, expect, it } from "vitest";
import {
  AUTHORIZED,
  clientFor,
  DATE,
  detail,
  expectApiError,
  fieldErrors,
  GENDER,
  ID,
  INVALID_TOKEN,
  itemPath,
  newPact,
  OTHER_ORG_RECORD_ID,
  STATE,
  storedRecord,
  TAKEN_PARENT,
  TOO_LONG_CITY,
  UNAUTHORIZED,
  UNKNOWN_ID,
} from "./support";

const { regex, string } = MatchersV3;
const pact = newPact();

// PATCH changes only the fields it carries: they come back; the others keep values this
// interaction does not know, so they are left out of the expected body.
const change: UserExtraPatch = { gender: "o", birthday: "1988-12-01", city: "Porto" };

describe("PATCH /user_extra/{id}/ (patch)", () => {
  it("200: the record with the fields changed", async () => {
    await pact
      .addInteraction()
      .given(STATE.exists, { id: ID, parent: TAKEN_PARENT })
      .uponReceiving("a request to change user extra 1")
      .withRequest("PATCH", itemPath(ID), (b) => b.headers(AUTHORIZED).jsonBody(change))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          ...storedRecord(),
          gender: regex(GENDER, "o"),
          birthday: regex(DATE, "1988-12-01"),
          city: string("Porto"),
        }),
      )
      .executeTest(async (mockServer) => {
        const record = await clientFor(mockServer.url).patch(ID, change);
        expect(record).toEqual({ id: ID, parent: TAKEN_PARENT, accept_terms: true, ...change });
      });
  });

  it("400: a field the spec refuses, reported per field", async () => {
    await pact
      .addInteraction()
      .given(STATE.exists, { id: ID })
      .uponReceiving("a request to change user extra 1 with a city longer than 255 characters")
      .withRequest("PATCH", itemPath(ID), (b) =>
        b.headers(AUTHORIZED).jsonBody({ city: TOO_LONG_CITY }),
      )
      .willRespondWith(400, (b) => b.jsonBody(fieldErrors("city")))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url).patch(ID, { city: TOO_LONG_CITY }),
          BadRequestError,
          400,
        );
        expect(error.fieldErrors.city).toEqual([expect.any(String)]);
      });
  });

  it("401: the caller is not authenticated", async () => {
    await pact
      .addInteraction()
      .given(STATE.unauthenticated)
      .uponReceiving("a request to change user extra 1 with an invalid token")
      .withRequest("PATCH", itemPath(ID), (b) => b.headers(UNAUTHORIZED).jsonBody(change))
      .willRespondWith(401, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url, INVALID_TOKEN).patch(ID, change),
          AuthenticationError,
          401,
        );
        expect(error.body).toEqual({ detail: expect.any(String) });
      });
  });

  it("403: a record of another organization", async () => {
    await pact
      .addInteraction()
      .given(STATE.existsElsewhere, { id: OTHER_ORG_RECORD_ID })
      .uponReceiving("a request to change a user extra of another organization")
      .withRequest("PATCH", itemPath(OTHER_ORG_RECORD_ID), (b) =>
        b.headers(AUTHORIZED).jsonBody(change),
      )
      .willRespondWith(403, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url).patch(OTHER_ORG_RECORD_ID, change),
          PermissionDeniedError,
          403,
        );
        expect(error.body).toEqual({ detail: expect.any(String) });
      });
  });

  it("404: no such record", async () => {
    await pact
      .addInteraction()
      .given(STATE.missing, { id: UNKNOWN_ID })
      .uponReceiving("a request to change a user extra that does not exist")
      .withRequest("PATCH", itemPath(UNKNOWN_ID), (b) => b.headers(AUTHORIZED).jsonBody(change))
      .willRespondWith(404, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url).patch(UNKNOWN_ID, change),
          NotFoundError,
          404,
        );
        expect(error.body).toEqual({ detail: expect.any(String) });
      });
  });
});
