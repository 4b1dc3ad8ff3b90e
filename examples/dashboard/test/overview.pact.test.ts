import { authorized, errorDetail, given, page, paths, record, withClient } from "@user-extra/pact";
import { describe, expect, it } from "vitest";
import { organizationOverview, PAGE_SIZE } from "../src/overview";
import { newPact } from "./pact";

const pact = newPact();
const OWN_ORGANIZATION = 1;
const OTHER_ORGANIZATION = 2;
const query = (organizationId: number) => ({
  parent__organization_id: String(organizationId),
  limit: String(PAGE_SIZE),
});

describe("the organization overview", () => {
  it("shows the organization's count and its records", async () => {
    await pact
      .addInteraction()
      .given(...given.organizationHasRecords({ organizationId: OWN_ORGANIZATION, count: 3 }))
      .uponReceiving("a request for the first page of the user extras of organization 1")
      .withRequest("GET", paths.list, (b) => b.headers(authorized).query(query(OWN_ORGANIZATION)))
      // Fewer records than a page: no next page. Only what the screen reads: count and ids.
      .willRespondWith(200, (b) =>
        b.jsonBody(page({ count: 3, next: null, results: record({ id: 1 }) })),
      )
      .executeTest(
        withClient(async (client) => {
          expect(await organizationOverview(client, OWN_ORGANIZATION)).toEqual({
            status: "ok",
            total: 3,
            recordIds: [1],
          });
        }),
      );
  });

  it("shows no access to another organization", async () => {
    await pact
      .addInteraction()
      .given(...given.anotherOrganization({ organizationId: OTHER_ORGANIZATION }))
      .uponReceiving("a request for the user extras of another organization")
      .withRequest("GET", paths.list, (b) => b.headers(authorized).query(query(OTHER_ORGANIZATION)))
      .willRespondWith(403, (b) => b.jsonBody(errorDetail()))
      .executeTest(
        withClient(async (client) => {
          expect(await organizationOverview(client, OTHER_ORGANIZATION)).toEqual({
            status: "no access",
          });
        }),
      );
  });
});
