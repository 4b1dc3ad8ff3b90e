import { AuthenticationError, NotFoundError, PermissionDeniedError } from "@user-extra/client";
import { describe, expect, it } from "vitest";
import {
  AUTHORIZED,
  clientFor,
  detail,
  expectApiError,
  ID,
  INVALID_TOKEN,
  itemPath,
  newPact,
  OTHER_ORG_RECORD_ID,
  STATE,
  storedRecord,
  TAKEN_PARENT,
  UNAUTHORIZED,
  UNKNOWN_ID,
} from "./support";

const pact = newPact();

describe("GET /user_extra/{id}/ (get)", () => {
  it("200: the record", async () => {
    await pact
      .addInteraction()
      .given(STATE.exists, { id: ID, parent: TAKEN_PARENT })
      .uponReceiving("a request for user extra 1")
      .withRequest("GET", itemPath(ID), (b) => b.headers(AUTHORIZED))
      .willRespondWith(200, (b) => b.jsonBody(storedRecord()))
      .executeTest(async (mockServer) => {
        const record = await clientFor(mockServer.url).get(ID);
        expect(record).toEqual({ id: ID, parent: TAKEN_PARENT, accept_terms: true });
      });
  });

  it("401: the caller is not authenticated", async () => {
    await pact
      .addInteraction()
      .given(STATE.unauthenticated)
      .uponReceiving("a request for user extra 1 with an invalid token")
      .withRequest("GET", itemPath(ID), (b) => b.headers(UNAUTHORIZED))
      .willRespondWith(401, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url, INVALID_TOKEN).get(ID),
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
      .uponReceiving("a request for a user extra of another organization")
      .withRequest("GET", itemPath(OTHER_ORG_RECORD_ID), (b) => b.headers(AUTHORIZED))
      .willRespondWith(403, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url).get(OTHER_ORG_RECORD_ID),
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
      .uponReceiving("a request for a user extra that does not exist")
      .withRequest("GET", itemPath(UNKNOWN_ID), (b) => b.headers(AUTHORIZED))
      .willRespondWith(404, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url).get(UNKNOWN_ID),
          NotFoundError,
          404,
        );
        expect(error.body).toEqual({ detail: expect.any(String) });
      });
  });
});
