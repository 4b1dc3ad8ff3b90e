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
    delete page.results[0].telephone;
    const { problems } = checkExamples(spec);
    expect(problems).toContainEqual(
      expect.stringMatching(
        /example "firstPage": field \/results\/0 must have required property 'telephone'/,
      ),
    );
  });

  it("the record requires exactly the keys every example record carries", () => {
    const spec = loadSpec();
    const records = exampleRecords(spec);
    // The reference's five example responses: four records and a page of two.
    expect(records.length).toBe(6);
    const everywhere = Object.keys(records[0] ?? {}).filter((key) =>
      records.every((record) => key in record),
    );
    expect([...spec.components.schemas.UserExtra.required].sort()).toEqual(everywhere.sort());
  });
});

// The provider's reference, kept verbatim in the repository (openapi/reference/).
const referencePath = new URL("../../../openapi/reference/user-extra-api.md", import.meta.url);

describe("spec examples against the provider's reference", () => {
  it("every example response of the reference is in the spec, verbatim", () => {
    const reference = readFileSync(referencePath, "utf8");
    const fromReference = [...reference.matchAll(/Example Response:\n/g)].map((m) =>
      jsonObjectAt(reference, reference.indexOf("{", (m.index ?? 0) + m[0].length)),
    );
    expect(fromReference).toHaveLength(5);
    expect(responseExamples(loadSpec())).toEqual(expect.arrayContaining(fromReference));
  });
});

type Json = Record<string, unknown>;

/** The value of every 2xx response example of every operation, in spec order. */
function responseExamples(spec: Json): Json[] {
  const out: Json[] = [];
  for (const item of Object.values(spec.paths as Record<string, Json>)) {
    for (const op of Object.values(item) as Json[]) {
      for (const [status, response] of Object.entries(
        (op.responses ?? {}) as Record<string, Json>,
      )) {
        if (!status.startsWith("2")) continue;
        const media = (response.content as Record<string, Json> | undefined)?.["application/json"];
        for (const example of Object.values((media?.examples ?? {}) as Record<string, Json>)) {
          out.push(example.value as Json);
        }
      }
    }
  }
  return out;
}

/** The records among the response examples: pages contribute their results. */
function exampleRecords(spec: Json): Json[] {
  return responseExamples(spec).flatMap((value) =>
    Array.isArray(value.results) ? (value.results as Json[]) : [value],
  );
}

/** Parses the JSON object that starts at `from` in `text` (the reference embeds them in prose). */
function jsonObjectAt(text: string, from: number): Json {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return JSON.parse(text.slice(from, i + 1));
  }
  throw new Error(`No complete JSON object at ${from}`);
}
