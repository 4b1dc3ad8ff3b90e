import { MatchersV3 } from "@pact-foundation/pact";
import type { UserExtra } from "@user-extra/client";
import { AuthenticationError, InvalidInputError, PermissionDeniedError } from "@user-extra/client";
import { describe, expect, it } from "vitest";
import {
  AUTHORIZED,
  clientFor,
  detail,
  expectApiError,
  fieldErrors,
  ID,
  INVALID_TOKEN,
  LIST_PATH,
  newPact,
  OTHER_ORGANIZATION,
  OWN_ORGANIZATION,
  readRecord,
  STATE,
  TAKEN_PARENT,
  UNAUTHORIZED,
} from "./support";

const { eachLike, equal, integer, regex, url2 } = MatchersV3;
const pact = newPact();

describe("GET /user_extra/ (list)", () => {
  it("200: a page of the caller's organization", async () => {
    await pact
      .addInteraction()
      .given(STATE.organizationHasRecords, { organizationId: OWN_ORGANIZATION, count: 3 })
      .uponReceiving("a request for a page of user extras")
      .withRequest("GET", LIST_PATH, (b) => b.headers(AUTHORIZED))
      .willRespondWith(200, (b) =>
        b.jsonBody({ count: integer(3), results: eachLike(readRecord()) }),
      )
      .executeTest(async (mockServer) => {
        const page = await clientFor(mockServer.url).list();
        expect(page.count).toBe(3);
        expect(page.results).toHaveLength(1);
        expect(page.results[0]).toMatchObject({ id: ID, parent: TAKEN_PARENT, accept_terms: true });
      });
  });

  it("200: filtered by parent and organization, with a page size, an offset and device info", async () => {
    await pact
      .addInteraction()
      .given(STATE.organizationHasRecords, { organizationId: OWN_ORGANIZATION })
      .given(STATE.exists, { id: ID, parent: TAKEN_PARENT })
      .uponReceiving("a request for the user extras of one parent in the caller's organization")
      .withRequest("GET", LIST_PATH, (b) =>
        b.headers(AUTHORIZED).query({
          parent: String(TAKEN_PARENT),
          parent__organization_id: String(OWN_ORGANIZATION),
          limit: "10",
          offset: "0",
          device_info: "true",
        }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          count: integer(1),
          // The filter is the contract: every record listed belongs to that parent (a literal
          // inside eachLike would only be matched by type).
          results: eachLike({ ...readRecord(), parent: equal(TAKEN_PARENT) }),
        }),
      )
      .executeTest(async (mockServer) => {
        const page = await clientFor(mockServer.url).list({
          parent: TAKEN_PARENT,
          organizationId: OWN_ORGANIZATION,
          limit: 10,
          offset: 0,
          deviceInfo: true,
        });
        expect(page.count).toBe(1);
        expect(page.results.map((r) => r.parent)).toEqual([TAKEN_PARENT]);
      });
  });

  it("200 then 200: listAll follows the first page's `next` link to the second page", async () => {
    // Two interactions on one mock server: the first page's `next` is generated from the mock
    // server's URL here, and matched by a regex on its path and query when a provider verifies.
    pact
      .addInteraction()
      .given(STATE.organizationHasRecords, { organizationId: OWN_ORGANIZATION, count: 3 })
      .uponReceiving("a request for the first page of two user extras")
      .withRequest("GET", LIST_PATH, (b) => b.headers(AUTHORIZED).query({ limit: "2" }))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          count: integer(3),
          next: url2(null, [
            "api",
            "v1",
            "user_extra",
            regex("\\?(.*&)?offset=2(&.*)?", "?limit=2&offset=2"),
          ]),
          results: eachLike(readRecord(), 2),
        }),
      );
    await pact
      .addInteraction()
      .given(STATE.organizationHasRecords, { organizationId: OWN_ORGANIZATION, count: 3 })
      .uponReceiving("a request for the page of user extras at offset 2")
      .withRequest("GET", LIST_PATH, (b) =>
        b.headers(AUTHORIZED).query({ limit: "2", offset: "2" }),
      )
      // No `next` expected: the mock's page ends the walk, and a provider with more records
      // than the state's minimum (so a non-null `next`) still verifies.
      .willRespondWith(200, (b) =>
        b.jsonBody({ count: integer(3), results: eachLike(readRecord({ id: ID + 2 })) }),
      )
      .executeTest(async (mockServer) => {
        const seen: UserExtra[] = [];
        for await (const record of clientFor(mockServer.url).listAll({ limit: 2 })) {
          seen.push(record);
        }
        expect(seen.map((r) => r.id)).toEqual([ID, ID, ID + 2]);
      });
  });

  it("400: a malformed filter, reported per parameter (django-filter)", async () => {
    await pact
      .addInteraction()
      .given(STATE.organizationHasRecords, { organizationId: OWN_ORGANIZATION })
      .uponReceiving("a request for user extras filtered on a malformed parent")
      .withRequest("GET", LIST_PATH, (b) => b.headers(AUTHORIZED).query({ parent: "abc" }))
      .willRespondWith(400, (b) => b.jsonBody(fieldErrors("parent")))
      .executeTest(async (mockServer) => {
        const client = clientFor(mockServer.url);
        // list() refuses a parent that is not an integer before sending; client.raw sends what
        // it is given, which is how a provider's 400 for this operation reaches a caller.
        await expect(client.list({ parent: "abc" as never })).rejects.toBeInstanceOf(
          InvalidInputError,
        );
        const { error, response } = await client.raw.GET("/user_extra/", {
          params: { query: { parent: "abc" as never } },
        });
        expect(response.status).toBe(400);
        expect(error).toEqual({ parent: [expect.any(String)] });
      });
  });

  it("401: the caller is not authenticated", async () => {
    await pact
      .addInteraction()
      .given(STATE.unauthenticated)
      .uponReceiving("a request for a page of user extras with an invalid token")
      .withRequest("GET", LIST_PATH, (b) => b.headers(UNAUTHORIZED))
      .willRespondWith(401, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url, INVALID_TOKEN).list(),
          AuthenticationError,
          401,
        );
        expect(error.body).toEqual({ detail: expect.any(String) });
      });
  });

  it("403: filtering on another organization", async () => {
    await pact
      .addInteraction()
      .given(STATE.otherOrganization, { organizationId: OTHER_ORGANIZATION })
      .uponReceiving("a request for the user extras of another organization")
      .withRequest("GET", LIST_PATH, (b) =>
        b.headers(AUTHORIZED).query({ parent__organization_id: String(OTHER_ORGANIZATION) }),
      )
      .willRespondWith(403, (b) => b.jsonBody(detail()))
      .executeTest(async (mockServer) => {
        const error = await expectApiError(
          clientFor(mockServer.url).list({ organizationId: OTHER_ORGANIZATION }),
          PermissionDeniedError,
          403,
        );
        expect(error.body).toEqual({ detail: expect.any(String) });
      });
  });
});
