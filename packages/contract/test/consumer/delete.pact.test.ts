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
  UNAUTHORIZED,
  UNKNOWN_ID,
} from "./support";

const pact = newPact();

describe("DELETE /user_extra/{id}/ (delete)", () => {
  it("204: deleted, no body", async () => {
    await pact
      .addInteraction()
      .given(STATE.exists, { id: ID })
      .uponReceiving("a request to delete user extra 1")
      .withRequest("DELETE", itemPath(ID), (b) => b.headers(AUTHORIZED))
      .willRespondWith(204)
      .executeTest(async (mockServer) => {
        await expect(clientFor(mockServer.url).delete(ID)).resolves.toBeUndefined();
      });
  });

  it("401: the caller is not authenticated", async () => {
    await pact
      .addInteraction()
      .given(STATE.unauthenticated)
      .uponReceiving("a request to delete user extra 1 with an invalid token")
      .withRequest("DELETE", itemPath(ID), (b) => b.headers(UNAUTHORIZED))
      .willRespondWith(401, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url, INVALID_TOKEN).delete(ID),
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
      .uponReceiving("a request to delete a user extra of another organization")
      .withRequest("DELETE", itemPath(OTHER_ORG_RECORD_ID), (b) => b.headers(AUTHORIZED))
      .willRespondWith(403, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url).delete(OTHER_ORG_RECORD_ID),
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
      .uponReceiving("a request to delete a user extra that does not exist")
      .withRequest("DELETE", itemPath(UNKNOWN_ID), (b) => b.headers(AUTHORIZED))
      .willRespondWith(404, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url).delete(UNKNOWN_ID),
          NotFoundError,
          404,
        );
        expect(error.body).toEqual({ detail: expect.any(String) });
      });
  });
});
