import { describe, expect, it } from "vitest";
import { SPEC_FILE } from "../src/names";
import {
  checkCoverage,
  coverageOk,
  formatCoverage,
  matchTemplate,
  type OpenApiDocument,
  type PactDocument,
  readPact,
  readSpec,
  serverBasePath,
  specOutcomes,
} from "../src/spec-coverage";

const completePact = () =>
  readPact(new URL("fixtures/complete.pact.json", import.meta.url).pathname);

/** A pact of one HTTP interaction per [method, path, status]. */
function pactOf(...rows: Array<[string, string, number]>): PactDocument {
  return {
    interactions: rows.map(([method, path, status]) => ({
      type: "Synchronous/HTTP",
      description: `${method} ${path} -> ${status}`,
      request: { method, path },
      response: { status },
    })),
  };
}

const tinySpec = (paths: OpenApiDocument["paths"], serverUrl = "https://x.test/api/v1") => ({
  servers: [{ url: serverUrl }],
  paths,
});

describe("the real spec against a complete pact", () => {
  it("declares 26 (method, path, status), all covered by the fixture pact", () => {
    expect(specOutcomes(readSpec(SPEC_FILE))).toHaveLength(26);
    const report = checkCoverage(readSpec(SPEC_FILE), completePact());
    expect(report.missingFromPact).toEqual([]);
    expect(report.undeclaredInSpec).toEqual([]);
    expect(coverageOk(report)).toBe(true);
  });

  it("fails naming the interaction a pact lacks", () => {
    const pact = completePact();
    pact.interactions = pact.interactions.filter(
      (i) => !(i.request?.method === "DELETE" && i.response?.status === 404),
    );
    const report = checkCoverage(readSpec(SPEC_FILE), pact);
    expect(coverageOk(report)).toBe(false);
    expect(report.missingFromPact).toEqual([
      {
        method: "DELETE",
        path: "/user_extra/{id}/",
        status: "404",
        operationId: "deleteUserExtra",
      },
    ]);
    expect(formatCoverage(report)).toContain("DELETE /user_extra/{id}/ 404 (deleteUserExtra)");
  });

  it("fails naming a status the spec gains and no interaction exercises", () => {
    const spec = readSpec(SPEC_FILE);
    const patch = spec.paths["/user_extra/{id}/"]?.patch as { responses: Record<string, unknown> };
    patch.responses["429"] = { description: "Too Many Requests" };
    const report = checkCoverage(spec, completePact());
    expect(coverageOk(report)).toBe(false);
    expect(report.missingFromPact.map((o) => `${o.method} ${o.path} ${o.status}`)).toEqual([
      "PATCH /user_extra/{id}/ 429",
    ]);
    expect(formatCoverage(report)).toMatch(
      /declared by the spec, exercised by no interaction \(1\)/,
    );
  });

  it("fails naming an interaction whose status the spec does not declare", () => {
    const pact = completePact();
    pact.interactions.push(...pactOf(["GET", "/api/v1/user_extra/7/", 418]).interactions);
    const report = checkCoverage(readSpec(SPEC_FILE), pact);
    expect(report.missingFromPact).toEqual([]);
    expect(report.undeclaredInSpec).toEqual([
      {
        method: "GET",
        path: "/user_extra/{id}/",
        status: "418",
        reason: "undeclared status",
        interactions: ["GET /api/v1/user_extra/7/ -> 418"],
      },
    ]);
    expect(formatCoverage(report)).toContain(
      'GET /user_extra/{id}/ 418 [undeclared status] from "GET /api/v1/user_extra/7/ -> 418"',
    );
  });

  it("fails on a path outside the server's base path or a method the path lacks", () => {
    const pact = pactOf(["GET", "/user_extra/", 200], ["POST", "/api/v1/user_extra/3/", 201]);
    const report = checkCoverage(readSpec(SPEC_FILE), pact);
    expect(report.undeclaredInSpec.map((u) => [u.method, u.path, u.reason])).toEqual([
      ["GET", "/user_extra/", "unknown path"],
      ["POST", "/user_extra/{id}/", "unknown method"],
    ]);
  });
});

describe("matching concrete pact paths to spec templates", () => {
  it("strips the server's path, with or without a host", () => {
    expect(serverBasePath(tinySpec({}, "https://gate.zequenze.com/api/v1/"))).toBe("/api/v1");
    expect(serverBasePath(tinySpec({}, "/base"))).toBe("/base");
    expect(serverBasePath({ paths: {} })).toBe("");
    expect(
      serverBasePath({
        servers: [
          {
            url: "https://{env}.x.test/{version}",
            variables: { env: { default: "p" }, version: { default: "v2" } },
          },
        ],
        paths: {},
      }),
    ).toBe("/v2");
  });

  it("matches one segment per parameter and prefers the more literal template", () => {
    const templates = ["/user_extra/{id}/", "/user_extra/me/", "/user_extra/"];
    expect(matchTemplate(templates, "/user_extra/1/")).toBe("/user_extra/{id}/");
    expect(matchTemplate(templates, "/user_extra/me/")).toBe("/user_extra/me/");
    expect(matchTemplate(templates, "/user_extra/")).toBe("/user_extra/");
    expect(matchTemplate(templates, "/user_extra/1/2/")).toBeUndefined();
    expect(matchTemplate(templates, "/user_extra/1")).toBeUndefined();
    expect(matchTemplate(["/a.b/{x}"], "/aXb/1")).toBeUndefined();
  });

  it("counts a status range as covered by any status in it, and `default` as allowing any", () => {
    const spec = tinySpec({
      "/things/{id}": {
        get: { responses: { "200": {}, "4XX": {} } },
        delete: { responses: { "204": {}, default: {} } },
      },
    });
    const report = checkCoverage(
      spec,
      pactOf(
        ["GET", "/api/v1/things/1", 200],
        ["GET", "/api/v1/things/1", 404],
        ["DELETE", "/api/v1/things/1", 204],
        ["DELETE", "/api/v1/things/1", 503],
      ),
    );
    expect(coverageOk(report)).toBe(true);
    const uncovered = checkCoverage(spec, pactOf(["GET", "/api/v1/things/1", 200]));
    expect(uncovered.missingFromPact.map((o) => `${o.method} ${o.status}`)).toEqual([
      "GET 4XX",
      "DELETE 204",
    ]);
  });

  it("ignores a V4 pact's message interactions", () => {
    const pact: PactDocument = {
      interactions: [
        ...pactOf(["GET", "/api/v1/things", 200]).interactions,
        { type: "Asynchronous/Messages", description: "an event" },
      ],
    };
    const report = checkCoverage(
      tinySpec({ "/things": { get: { responses: { "200": {} } } } }),
      pact,
    );
    expect(coverageOk(report)).toBe(true);
    expect(report.pactInteractions).toBe(1);
  });
});

describe("bad input", () => {
  it("names the interaction that lacks a method, path or status", () => {
    const pact: PactDocument = {
      interactions: [{ description: "half an interaction", request: {} }],
    };
    expect(() => checkCoverage(tinySpec({}), pact)).toThrow(
      /interactions\[0\] \("half an interaction"\): request.method, request.path and response.status are required/,
    );
  });

  it("names the file and the missing part of a document that is not a pact", () => {
    expect(() => readPact(SPEC_FILE)).toThrow(/user-extra\.yaml: not JSON .*expected a pact file/);
    expect(() => readPact(SPEC_FILE.replace(/user-extra.yaml$/, "../package.json"))).toThrow(
      /"interactions" is missing or not an array/,
    );
    expect(() =>
      readSpec(new URL("fixtures/complete.pact.json", import.meta.url).pathname),
    ).toThrow(/"paths" is missing or not an object/);
  });
});
