import { MatchersV3 } from "@pact-foundation/pact";
import { BadRequestError, type UserExtraPatch } from "@user-extra/client";
import { describe, expect, it } from "vitest";
import { itAnswersItemErrors } from "./item-errors";
import {
  AUTHORIZED,
  clientFor,
  DATE,
  expectApiError,
  fieldErrors,
  GENDER,
  ID,
  itemPath,
  newPact,
  STATE,
  storedRecord,
  TAKEN_PARENT,
  TOO_LONG_CITY,
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

  itAnswersItemErrors(pact, {
    method: "PATCH",
    request: "a request to change",
    body: change,
    call: (client, id) => client.patch(id, change),
  });
});
