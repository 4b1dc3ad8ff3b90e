import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pointerSegment, walkOperations } from "../src/operations.js";

const bundled = JSON.parse(
  readFileSync(new URL("../src/generated/openapi.json", import.meta.url), "utf8"),
) as { paths: Record<string, Record<string, unknown>> };

const ok = { responses: { "200": { description: "OK" } } };

describe("walkOperations", () => {
  it("lists each path's methods in the order the document writes them", () => {
    const doc = {
      paths: {
        "/b": { delete: ok, get: ok, patch: ok },
        "/a": { post: ok, put: ok, trace: ok, head: ok, options: ok },
      },
    };
    expect(walkOperations(doc).map((o) => `${o.method} ${o.path}`)).toEqual([
      "delete /b",
      "get /b",
      "patch /b",
      "post /a",
      "put /a",
      "trace /a",
      "head /a",
      "options /a",
    ]);
  });

  it("ignores the path item's other keys (parameters, summary, servers, $ref, extensions)", () => {
    const doc = {
      paths: {
        "/things": {
          summary: "Things",
          description: "All of them",
          servers: [{ url: "/" }],
          parameters: [],
          "x-internal": { responses: {} },
          get: { ...ok, operationId: "listThings" },
        },
      },
    };
    const ops = walkOperations(doc);
    expect(ops.map((o) => [o.method, o.operationId])).toEqual([["get", "listThings"]]);
  });

  it("merges path-level parameters: an operation's own replaces the one of the same name and place", () => {
    const doc = {
      components: { parameters: { Id: { name: "id", in: "path", required: true } } },
      paths: {
        "/things/{id}": {
          parameters: [{ $ref: "#/components/parameters/Id" }, { name: "verbose", in: "query" }],
          get: {
            ...ok,
            parameters: [
              { name: "fields", in: "query" },
              { name: "verbose", in: "query", required: true, description: "own" },
              { name: "verbose", in: "header" },
            ],
          },
          delete: ok,
        },
      },
    };
    const [get, del] = walkOperations(doc);
    expect(get?.parameters.map((p) => `${p.in}:${p.name}:${p.required}:${p.pointer}`)).toEqual([
      "path:id:true:#/components/parameters/Id",
      "query:verbose:true:#/paths/~1things~1{id}/get/parameters/1",
      "query:fields:false:#/paths/~1things~1{id}/get/parameters/0",
      "header:verbose:false:#/paths/~1things~1{id}/get/parameters/2",
    ]);
    expect(get?.parameters[1]?.node.description).toBe("own");
    // The other operation of the path gets the path's parameters untouched.
    expect(del?.parameters.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      "path:id:true",
      "query:verbose:false",
    ]);
  });

  it("follows $refs of responses and request bodies, keeping where the target lives", () => {
    const doc = {
      components: {
        responses: { Missing: { description: "Not found" } },
        requestBodies: { Thing: { required: true, content: {} } },
      },
      paths: {
        "/t": {
          post: {
            requestBody: { $ref: "#/components/requestBodies/Thing" },
            responses: {
              "201": { description: "Made" },
              "404": { $ref: "#/components/responses/Missing" },
            },
          },
        },
      },
    };
    const [post] = walkOperations(doc);
    expect(post?.pointer).toBe("#/paths/~1t/post");
    expect(post?.requestBody).toEqual({
      node: { required: true, content: {} },
      pointer: "#/components/requestBodies/Thing",
    });
    expect(post?.responses).toEqual([
      { status: "201", node: { description: "Made" }, pointer: "#/paths/~1t/post/responses/201" },
      {
        status: "404",
        node: { description: "Not found" },
        pointer: "#/components/responses/Missing",
      },
    ]);
  });

  it("finds no operation in a document without paths", () => {
    expect(walkOperations({ openapi: "3.1.0", info: {} })).toEqual([]);
    expect(walkOperations({ paths: {} })).toEqual([]);
  });

  it("refuses a malformed document, naming the place, the problem and what was expected", () => {
    expect(() => walkOperations({ paths: [] })).toThrow(
      'OpenAPI document: "paths" is an array; expected an object',
    );
    expect(() => walkOperations({ paths: { "/t": { get: { operationId: "x" } } } })).toThrow(
      'paths["/t"].get: "responses" is undefined; expected an object of status -> response',
    );
    expect(() =>
      walkOperations({ paths: { "/t": { get: { ...ok, parameters: [{ name: "q" }] } } } }),
    ).toThrow('paths["/t"].get.parameters[0]: "name" and "in" must be strings');
    expect(() =>
      walkOperations({
        paths: { "/t": { get: { responses: { "200": { $ref: "#/components/responses/Gone" } } } } },
      }),
    ).toThrow(
      'paths["/t"].get.responses["200"]: $ref "#/components/responses/Gone": the document has no node there',
    );
    expect(() =>
      walkOperations({ paths: { "/t": { parameters: [{ $ref: "other.yaml#/P" }], get: ok } } }),
    ).toThrow('paths["/t"].parameters[0]: $ref "other.yaml#/P": only local references');
  });

  it("walks the bundled spec: every operation has an id, and path-level parameters reach each", () => {
    const ops = walkOperations(bundled);
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.every((o) => typeof o.operationId === "string")).toBe(true);
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    let shared = 0;
    for (const [path, item] of Object.entries(bundled.paths)) {
      const list = (item.parameters ?? []) as { $ref?: string }[];
      // Where each path-level parameter lives: its $ref's target, or its place in the list.
      const where = list.map((p, i) => p.$ref ?? `#/paths/${pointerSegment(path)}/parameters/${i}`);
      shared += where.length;
      for (const op of ops.filter((o) => o.path === path)) {
        expect(op.parameters.map((p) => p.pointer)).toEqual(expect.arrayContaining(where));
      }
    }
    expect(shared, "the spec has a path-level parameter for the check above").toBeGreaterThan(0);
  });
});
