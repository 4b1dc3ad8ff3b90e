import { MatchersV3 } from "@pact-foundation/pact";
import {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  type UserExtraUpdate,
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

const { boolean, regex, string } = MatchersV3;
const pact = newPact();

// PUT replaces the record: what it carries comes back, every other field is reset (to null,
// so left out of the expected body).
const replacement: UserExtraUpdate = {
  gender: "m",
  birthday: "1990-01-31",
  city: "Lisbon",
  accept_terms: true,
};

describe("PUT /user_extra/{id}/ (update)", () => {
  it("200: the replaced record", async () => {
    await pact
      .addInteraction()
      .given(STATE.exists, { id: ID, parent: TAKEN_PARENT })
      .uponReceiving("a request to replace user extra 1")
      .withRequest("PUT", itemPath(ID), (b) => b.headers(AUTHORIZED).jsonBody(replacement))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          ...storedRecord(),
          gender: regex(GENDER, "m"),
          birthday: regex(DATE, "1990-01-31"),
          city: string("Lisbon"),
          accept_terms: boolean(true),
        }),
      )
      .executeTest(async (mockServer) => {
        const record = await clientFor(mockServer.url).update(ID, replacement);
        expect(record).toEqual({ id: ID, parent: TAKEN_PARENT, ...replacement });
      });
  });

  it("400: a field the spec refuses, reported per field", async () => {
    await pact
      .addInteraction()
      .given(STATE.exists, { id: ID })
      .uponReceiving("a request to replace user extra 1 with a city longer than 255 characters")
      .withRequest("PUT", itemPath(ID), (b) =>
        b.headers(AUTHORIZED).jsonBody({ city: TOO_LONG_CITY }),
      )
      .willRespondWith(400, (b) => b.jsonBody(fieldErrors("city")))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url).update(ID, { city: TOO_LONG_CITY }),
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
      .uponReceiving("a request to replace user extra 1 with an invalid token")
      .withRequest("PUT", itemPath(ID), (b) => b.headers(UNAUTHORIZED).jsonBody(replacement))
      .willRespondWith(401, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url, INVALID_TOKEN).update(ID, replacement),
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
      .uponReceiving("a request to replace a user extra of another organization")
      .withRequest("PUT", itemPath(OTHER_ORG_RECORD_ID), (b) =>
        b.headers(AUTHORIZED).jsonBody(replacement),
      )
      .willRespondWith(403, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url).update(OTHER_ORG_RECORD_ID, replacement),
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
      .uponReceiving("a request to replace a user extra that does not exist")
      .withRequest("PUT", itemPath(UNKNOWN_ID), (b) => b.headers(AUTHORIZED).jsonBody(replacement))
      .willRespondWith(404, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url).update(UNKNOWN_ID, replacement),
          NotFoundError,
          404,
        );
        expect(error.body).toEqual({ detail: expect.any(String) });
      });
  });
});
