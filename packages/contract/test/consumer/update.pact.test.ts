import { MatchersV3 } from "@pact-foundation/pact";
import type { UserExtraUpdate } from "@user-extra/client";
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

  const operation: ItemOperation = {
    method: "PUT",
    request: "a request to replace",
    body: replacement,
    call: (client, id, body = replacement) => client.update(id, body),
  };
  itRefusesAnInvalidBody(pact, operation);
  itAnswersItemErrors(pact, operation);
});
