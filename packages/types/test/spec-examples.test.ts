import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkExamples } from "./example-check.js";

const specPath = new URL("../../../openapi/user-extra.yaml", import.meta.url);
const loadSpec = () => parse(readFileSync(specPath, "utf8"));

describe("spec examples", () => {
  it("every example in openapi/user-extra.yaml matches its schema", () => {
    const { checked, problems } = checkExamples(loadSpec());
    expect(problems).toEqual([]);
    // 6 request/response pairs plus the shared error examples: guard against a walker that finds none.
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it("a broken example fails, naming the example and the field", () => {
    const spec = loadSpec();
    const example =
      spec.paths["/user_extra/{id}/"].get.responses["200"].content["application/json"].examples
        .profile.value;
    example.gender = "x";
    example.birthday = "1995-13-45";
    const { problems } = checkExamples(spec);
    expect(problems).toContainEqual(
      expect.stringMatching(/GET \/user_extra\/\{id\}\/ 200 .*example "profile": field \/gender/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/example "profile": field \/birthday must match format "date"/),
    );
  });

  it("a response example missing a required field fails", () => {
    const spec = loadSpec();
    const page =
      spec.paths["/user_extra/"].get.responses["200"].content["application/json"].examples.firstPage
        .value;
    delete page.results[0].parent;
    const { problems } = checkExamples(spec);
    expect(problems).toContainEqual(
      expect.stringMatching(
        /example "firstPage": field \/results\/0 must have required property 'parent'/,
      ),
    );
  });
});
