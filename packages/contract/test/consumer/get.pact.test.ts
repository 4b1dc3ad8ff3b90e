import { describe, expect, it } from "vitest";
import { itAnswersItemErrors } from "./item-errors";
import {
  AUTHORIZED,
  clientFor,
  ID,
  itemPath,
  newPact,
  readRecord,
  STATE,
  TAKEN_PARENT,
} from "./support";

const pact = newPact();

describe("GET /user_extra/{id}/ (get)", () => {
  it("200: the record", async () => {
    await pact
      .addInteraction()
      .given(STATE.exists, { id: ID, parent: TAKEN_PARENT })
      .uponReceiving("a request for user extra 1")
      .withRequest("GET", itemPath(ID), (b) => b.headers(AUTHORIZED))
      .willRespondWith(200, (b) => b.jsonBody(readRecord()))
      .executeTest(async (mockServer) => {
        const record = await clientFor(mockServer.url).get(ID);
        expect(record).toEqual({ id: ID, parent: TAKEN_PARENT, accept_terms: true });
      });
  });

  itAnswersItemErrors(pact, {
    method: "GET",
    request: "a request for",
    call: (client, id) => client.get(id),
  });
});
