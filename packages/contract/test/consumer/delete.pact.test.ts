import { describe, expect, it } from "vitest";
import { itAnswersItemErrors } from "./item-errors";
import { AUTHORIZED, clientFor, ID, itemPath, newPact, STATE } from "./support";

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

  itAnswersItemErrors(pact, {
    method: "DELETE",
    request: "a request to delete",
    call: (client, id) => client.delete(id),
  });
});
