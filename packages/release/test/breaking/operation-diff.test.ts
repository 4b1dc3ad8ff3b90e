import { describe, expect, it } from "vitest";
import { diffOperations } from "../../src/breaking/operation-diff.js";
import type { JsonObject } from "../../src/breaking/spec-document.js";

/** A one-operation document: `GET /things/` answering `response`, `POST /things/` taking `request`. */
function docWith(parts: {
  request?: unknown;
  response?: unknown;
  parameters?: unknown[];
  schemas?: JsonObject;
}): JsonObject {
  return {
    openapi: "3.0.3",
    paths: {
      "/things/": {
        get: {
          parameters: parts.parameters ?? [],
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: parts.response ?? {} } },
            },
          },
        },
        post: {
          requestBody: {
            required: true,
            content: { "application/json": { schema: parts.request ?? {} } },
          },
          responses: { "201": { description: "created" } },
        },
      },
    },
    components: { schemas: parts.schemas ?? {} },
  };
}

const summary = (base: JsonObject, head: JsonObject) =>
  diffOperations(base, head).map((d) => `${d.severity} ${d.code} @ ${d.where}`);

const kind = (values: string[]) => ({ type: "string", enum: values });

describe("enums", () => {
  it("a value removed from a response-only enum is breaking (the generated union narrows)", () => {
    expect(
      summary(docWith({ response: kind(["a", "b"]) }), docWith({ response: kind(["a"]) })),
    ).toEqual(["breaking response.enum.value-removed @ GET /things/ response 200"]);
  });

  it("a value added is fine in a request and breaking in a response", () => {
    expect(
      summary(docWith({ request: kind(["a"]) }), docWith({ request: kind(["a", "b"]) })),
    ).toEqual(["non-breaking request.enum.value-added @ POST /things/ request body"]);
    expect(
      summary(docWith({ response: kind(["a"]) }), docWith({ response: kind(["a", "b"]) })),
    ).toEqual(["breaking response.enum.value-added @ GET /things/ response 200"]);
  });

  it("null in a nullable enum is not an enum value", () => {
    const before = { type: "string", nullable: true, enum: ["a", null] };
    const after = { type: "string", nullable: true, enum: ["a"] };
    expect(summary(docWith({ request: before }), docWith({ request: after }))).toEqual([]);
  });
});

describe("object fields", () => {
  const obj = (properties: JsonObject, required: string[] = []) => ({
    type: "object",
    properties,
    required,
  });
  const str = { type: "string" };

  it("a new required request field is breaking, a new optional one is not", () => {
    expect(
      summary(docWith({ request: obj({}) }), docWith({ request: obj({ x: str }, ["x"]) })),
    ).toEqual(["breaking request.property.added-required @ POST /things/ request body `x`"]);
    expect(summary(docWith({ request: obj({}) }), docWith({ request: obj({ x: str }) }))).toEqual([
      "non-breaking request.property.added @ POST /things/ request body `x`",
    ]);
  });

  it("a response field that becomes optional is breaking, the reverse is not", () => {
    expect(
      summary(
        docWith({ response: obj({ x: str }, ["x"]) }),
        docWith({ response: obj({ x: str }) }),
      ),
    ).toEqual(["breaking response.property.now-optional @ GET /things/ response 200 `x`"]);
    expect(
      summary(
        docWith({ response: obj({ x: str }) }),
        docWith({ response: obj({ x: str }, ["x"]) }),
      ),
    ).toEqual(["non-breaking response.property.now-required @ GET /things/ response 200 `x`"]);
  });

  it("a readOnly field never counts in a request body", () => {
    const readOnly = { type: "integer", readOnly: true };
    expect(
      summary(docWith({ request: obj({}) }), docWith({ request: obj({ id: readOnly }, ["id"]) })),
    ).toEqual([]);
  });

  it("nullability: dropped in a request breaks, added in a response breaks", () => {
    const nullable = { type: "string", nullable: true };
    expect(summary(docWith({ request: nullable }), docWith({ request: str }))).toEqual([
      "breaking request.nullable.removed @ POST /things/ request body",
    ]);
    expect(summary(docWith({ response: str }), docWith({ response: nullable }))).toEqual([
      "breaking response.nullable.added @ GET /things/ response 200",
    ]);
  });

  it("a type change integer -> number widens a request and breaks a response", () => {
    const int = { type: "integer" };
    const num = { type: "number" };
    expect(summary(docWith({ request: int }), docWith({ request: num }))).toEqual([
      "non-breaking request.type.changed @ POST /things/ request body",
    ]);
    expect(summary(docWith({ response: int }), docWith({ response: num }))).toEqual([
      "breaking response.type.changed @ GET /things/ response 200",
    ]);
  });

  it("terminates on recursive schemas and still sees a change inside them", () => {
    const tree = (maxLength: number): JsonObject => ({
      Node: {
        type: "object",
        properties: {
          name: { type: "string", maxLength },
          children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
        },
      },
    });
    const ref = { $ref: "#/components/schemas/Node" };
    expect(
      summary(
        docWith({ request: ref, schemas: tree(10) }),
        docWith({ request: ref, schemas: tree(5) }),
      ),
    ).toEqual(["breaking request.maxLength.tightened @ POST /things/ request body `name`"]);
  });
});

describe("parameters", () => {
  const limit = (required: boolean, maximum = 100) => ({
    name: "limit",
    in: "query",
    required,
    schema: { type: "integer", maximum },
  });

  it("removed -> breaking, optional -> required -> breaking, required -> optional -> fine", () => {
    expect(summary(docWith({ parameters: [limit(false)] }), docWith({}))).toEqual([
      "breaking request.parameter.removed @ GET /things/ query parameter `limit`",
    ]);
    expect(
      summary(docWith({ parameters: [limit(false)] }), docWith({ parameters: [limit(true)] })),
    ).toEqual(["breaking request.parameter.now-required @ GET /things/ query parameter `limit`"]);
    expect(
      summary(docWith({ parameters: [limit(true)] }), docWith({ parameters: [limit(false)] })),
    ).toEqual([
      "non-breaking request.parameter.now-optional @ GET /things/ query parameter `limit`",
    ]);
  });

  it("a new required parameter is breaking; a raised maximum is not", () => {
    expect(summary(docWith({}), docWith({ parameters: [limit(true)] }))).toEqual([
      "breaking request.parameter.added-required @ GET /things/ query parameter `limit`",
    ]);
    expect(
      summary(
        docWith({ parameters: [limit(false, 100)] }),
        docWith({ parameters: [limit(false, 1000)] }),
      ),
    ).toEqual(["non-breaking request.maximum.relaxed @ GET /things/ query parameter `limit`"]);
  });
});
