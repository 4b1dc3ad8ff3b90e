import {
  authorized,
  errorDetail,
  exactly,
  given,
  paths,
  record,
  withClient,
} from "@user-extra/pact";
import { describe, expect, it } from "vitest";
import { saveStep } from "../src/steps";
import { newPact } from "./pact";

const pact = newPact();
const ID = 1;
const UNKNOWN_ID = 999_999;

describe("an onboarding step", () => {
  it("saves the step's answers and keeps the earlier steps' ones", async () => {
    // The first step's answers, stored by the provider; the second step names none of them.
    const earlier = { title: "Lead Software Engineer", company: "Advanced Tech Corp" };
    const step = { city: "Porto" };
    await pact
      .addInteraction()
      .given(...given.recordExists({ id: ID, fields: earlier }))
      .uponReceiving("a request to set the city of user extra 1, which has a title and a company")
      .withRequest("PATCH", paths.item(ID), (b) => b.headers(authorized).jsonBody(step))
      .willRespondWith(200, (b) =>
        b.jsonBody(
          record({
            id: ID,
            city: exactly(step.city),
            title: exactly(earlier.title),
            company: exactly(earlier.company),
          }),
        ),
      )
      .executeTest(
        withClient(async (client) => {
          const result = await saveStep(client, ID, step);
          expect(result).toEqual({ status: "saved", profile: { id: ID, ...step, ...earlier } });
        }),
      );
  });

  it("tells an unknown user apart", async () => {
    await pact
      .addInteraction()
      .given(...given.recordMissing({ id: UNKNOWN_ID }))
      .uponReceiving("a request to set the city of a user extra that does not exist")
      .withRequest("PATCH", paths.item(UNKNOWN_ID), (b) =>
        b.headers(authorized).jsonBody({ city: "Porto" }),
      )
      .willRespondWith(404, (b) => b.jsonBody(errorDetail()))
      .executeTest(
        withClient(async (client) => {
          expect(await saveStep(client, UNKNOWN_ID, { city: "Porto" })).toEqual({
            status: "unknown user",
          });
        }),
      );
  });
});
