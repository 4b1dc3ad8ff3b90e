import { MatchersV3 } from "@pact-foundation/pact";
import type { UserExtraPatch } from "@user-extra/client";
import { describe, expect, it } from "vitest";
import { type ItemOperation, itAnswersItemErrors, itRefusesAnInvalidBody } from "./item-errors";
import {
  AUTHORIZED,
  clientFor,
  DATE,
  GENDER,
  ID,
  itemPath,
  newPact,
  STATE,
  storedRecord,
  TAKEN_PARENT,
} from "./support";

const { equal, regex, string } = MatchersV3;
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
        expect(record).toEqual({ id: ID, accept_terms: true, ...change });
      });
  });

  it("200: PATCH keeps the fields it does not name", async () => {
    // The state stores these values; the PATCH names none of them.
    const kept = { title: "Lead Software Engineer", company: "Advanced Tech Corp" };
    await pact
      .addInteraction()
      .given(STATE.exists, { id: ID, parent: TAKEN_PARENT, ...kept })
      .uponReceiving(
        "a request to change the city of user extra 1, which has a title and a company",
      )
      .withRequest("PATCH", itemPath(ID), (b) => b.headers(AUTHORIZED).jsonBody({ city: "Porto" }))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          ...storedRecord(),
          city: equal("Porto"),
          title: equal(kept.title),
          company: equal(kept.company),
        }),
      )
      .executeTest(async (mockServer) => {
        const record = await clientFor(mockServer.url).patch(ID, { city: "Porto" });
        expect(record).toEqual({ id: ID, accept_terms: true, city: "Porto", ...kept });
      });
  });

  const operation: ItemOperation = {
    method: "PATCH",
    request: "a request to change",
    body: change,
    call: (client, id, body = change) => client.patch(id, body),
  };
  itRefusesAnInvalidBody(pact, operation);
  itAnswersItemErrors(pact, operation);
});
