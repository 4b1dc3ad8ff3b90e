import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { classify } from "../../src/breaking/classify.js";
import { parseSpec } from "../../src/breaking/spec-document.js";
import { REAL_SPEC } from "../helpers.js";

// The fixtures are cut down; these run the same changes on openapi/user-extra.yaml itself, whose
// bodies are allOf compositions with readOnly ids, so the rules are proven on the real shapes.
const text = readFileSync(REAL_SPEC, "utf8");
const base = parseSpec(text, "base");

// biome-ignore lint/suspicious/noExplicitAny: mutating a parsed YAML document in tests
async function diffAfter(change: (doc: any) => void) {
  const doc = parse(text);
  change(doc);
  return classify(base, parseSpec(stringify(doc), "head"));
}

describe("the real spec", () => {
  it("has no difference with itself", async () => {
    const { differences } = await classify(base, parseSpec(text, "head"));
    expect(differences).toEqual([]);
  });

  it("removing gender 'o' breaks POST, PUT and PATCH bodies and every record response", async () => {
    const { differences } = await diffAfter((doc) => {
      doc.components.schemas.Gender.enum = ["m", "f"];
    });
    const requests = differences
      .filter((d) => d.code === "request.enum.value-removed")
      .map((d) => d.where);
    expect(requests.sort()).toEqual([
      "PATCH /user_extra/{id}/ request body `gender`",
      "POST /user_extra/ request body `gender`",
      "PUT /user_extra/{id}/ request body `gender`",
    ]);
    const responses = differences.filter((d) => d.code === "response.enum.value-removed");
    expect(responses.map((d) => d.where)).toContain(
      "GET /user_extra/ response 200 `results[].gender`",
    );
    expect(differences.every((d) => d.severity === "breaking")).toBe(true);
  });

  it("a new record field (optional on input, always present in records) is non-breaking", async () => {
    const { differences, superseded } = await diffAfter((doc) => {
      doc.components.schemas.UserExtraProfile.properties.nickname = {
        type: "string",
        nullable: true,
        maxLength: 255,
      };
      doc.components.schemas.UserExtra.required.push("nickname");
    });
    expect(differences.length).toBeGreaterThan(0);
    expect(differences.filter((d) => d.severity !== "non-breaking")).toEqual([]);
    // openapi-diff alone calls the request side breaking; the field rule replaces that verdict.
    expect(
      superseded.some((d) => d.code === "request.body.scope.remove" && d.severity === "breaking"),
    ).toBe(true);
  });

  it("requiring `telephone` on creation is breaking for POST only", async () => {
    const { differences } = await diffAfter((doc) => {
      doc.components.schemas.UserExtraCreate.allOf[0].required.push("telephone");
    });
    expect(differences.map((d) => [d.severity, d.code, d.where])).toEqual([
      ["breaking", "request.property.now-required", "POST /user_extra/ request body `telephone`"],
    ]);
  });

  it("a changed maxLength on `city` is judged per direction", async () => {
    const { differences } = await diffAfter((doc) => {
      doc.components.schemas.UserExtraProfile.properties.city.maxLength = 100;
    });
    const severities = new Set(differences.map((d) => `${d.code}:${d.severity}`));
    expect(severities).toEqual(
      new Set([
        "request.maxLength.tightened:breaking",
        "response.maxLength.tightened:non-breaking",
      ]),
    );
  });

  it("removing the organization filter is breaking", async () => {
    const { differences } = await diffAfter((doc) => {
      doc.paths["/user_extra/"].get.parameters.splice(1, 1);
    });
    expect(differences.map((d) => [d.severity, d.what])).toEqual([
      ["breaking", "query parameter `parent__organization_id` removed"],
    ]);
  });

  it("a new status code and a new path are non-breaking (openapi-diff)", async () => {
    const { differences } = await diffAfter((doc) => {
      doc.paths["/user_extra/{id}/"].delete.responses["409"] = { description: "Conflict" };
      doc.paths["/user_extra/count/"] = { get: { responses: { "200": { description: "ok" } } } };
    });
    expect(differences.map((d) => [d.severity, d.source, d.code]).sort()).toEqual([
      ["non-breaking", "openapi-diff", "path.add"],
      ["non-breaking", "openapi-diff", "response.status-code.add"],
    ]);
  });
});
