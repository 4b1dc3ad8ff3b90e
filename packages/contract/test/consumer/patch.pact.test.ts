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

  const operation: ItemOperation = {
    method: "PATCH",
    request: "a request to change",
    body: change,
    call: (client, id, body = change) => client.patch(id, body),
  };
  itRefusesAnInvalidBody(pact, operation);
  itAnswersItemErrors(pact, operation);
});
