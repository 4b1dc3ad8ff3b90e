import { MatchersV3 } from "@pact-foundation/pact";
import type { UserExtraUpdate } from "@user-extra/client";
import { describe, expect, it } from "vitest";
import { type ItemOperation, itAnswersItemErrors, itRefusesAnInvalidBody } from "./item-errors";
import {
  AUTHORIZED,
  clearedPutFields,
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

// update() sends every writable field: the ones given, and the spec's cleared value (null,
// false for accept_terms) for the others. The record then holds exactly that, whether the
// provider resets the fields a PUT leaves out or keeps them (as DRF does).
const given: UserExtraUpdate = {
  gender: "m",
  birthday: "1990-01-31",
  city: "Lisbon",
  accept_terms: true,
};
const sent = { ...clearedPutFields(), ...given };

describe("PUT /user_extra/{id}/ (update)", () => {
  it("200: what update() sends is what the record then holds", async () => {
    const cleared = Object.fromEntries(Object.entries(sent).filter(([k]) => !(k in given)));
    await pact
      .addInteraction()
      .given(STATE.exists, { id: ID, parent: TAKEN_PARENT })
      .uponReceiving("a request to update user extra 1 with every writable field")
      .withRequest("PUT", itemPath(ID), (b) => b.headers(AUTHORIZED).jsonBody(sent))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          ...storedRecord(),
          ...cleared,
          gender: regex(GENDER, "m"),
          birthday: regex(DATE, "1990-01-31"),
          city: string("Lisbon"),
          accept_terms: boolean(true),
        }),
      )
      .executeTest(async (mockServer) => {
        const record = await clientFor(mockServer.url).update(ID, given);
        expect(record).toEqual({ id: ID, ...sent });
      });
  });

  const operation: ItemOperation = {
    method: "PUT",
    request: "a request to replace",
    body: sent,
    call: (client, id, body = given) => client.update(id, body),
  };
  itRefusesAnInvalidBody(pact, operation);
  itAnswersItemErrors(pact, operation);
});
