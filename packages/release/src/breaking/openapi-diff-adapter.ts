import { createRequire } from "node:module";
import type { SpecDocument } from "./spec-document.js";
import type { Difference, Severity } from "./types.js";

// openapi-diff is CommonJS with an `export =` declaration: load it through require.
const require = createRequire(import.meta.url);
const openApiDiff = require("openapi-diff") as typeof import("openapi-diff");

type DiffResult = import("openapi-diff").DiffResult<Severity>;

const LOCATION = /^paths\.(.+?)\.(get|put|post|delete|patch|options|head|trace)(?:\.(.*))?$/;

/** "paths./user_extra/{id}/.get.responses.404" -> operation, part and a readable place. */
export function describeLocation(location: string): { where: string; scope?: string } {
  const match = LOCATION.exec(location);
  if (!match) {
    const path = location.startsWith("paths.") ? location.slice("paths.".length) : location;
    return { where: path };
  }
  const [, path, method, rest = ""] = match;
  const op = `${method?.toUpperCase()} ${path}`;
  if (rest.startsWith("requestBody"))
    return { where: `${op} request body`, scope: `${op}|request` };
  const response = /^responses\.([^.]+)(?:\.(.*))?$/.exec(rest);
  if (response) {
    const [, status, inner = ""] = response;
    const header = /^headers\.(.+)$/.exec(inner);
    return {
      where: header ? `${op} response ${status} header ${header[1]}` : `${op} response ${status}`,
      scope: `${op}|response ${status}`,
    };
  }
  return { where: rest ? `${op} ${rest}` : op, scope: op };
}

const WHAT: Record<string, (where: string) => string> = {
  "path.add": () => "new path",
  "path.remove": () => "path removed",
  "method.add": () => "new operation",
  "method.remove": () => "operation removed",
  "response.status-code.add": (w) => `new status code ${w.split(" response ").pop()}`,
  "response.status-code.remove": (w) => `status code ${w.split(" response ").pop()} removed`,
  "request.body.scope.add": () => "the request body accepts more values",
  "request.body.scope.remove": () => "the request body accepts fewer values",
  "response.body.scope.add": () => "the response body may carry more values",
  "response.body.scope.remove": () => "the response body carries fewer values",
  "response.optional.header.add": () => "new optional response header",
  "response.optional.header.remove": () => "optional response header removed",
  "response.required.header.add": () => "new required response header",
  "response.required.header.remove": () => "required response header removed",
};

const WHY: Record<string, string> = {
  "path.remove": "calls to it fail",
  "method.remove": "calls to it fail",
  "response.status-code.remove":
    "consumers that handle it (and the generated response types) lose it",
  "response.status-code.add": "an additional documented outcome; existing ones are unchanged",
  "response.required.header.remove": "consumers that read it no longer get it",
};

export async function runOpenApiDiff(
  base: SpecDocument,
  head: SpecDocument,
): Promise<Difference[]> {
  const outcome = await openApiDiff.diffSpecs({
    sourceSpec: { content: base.text, location: base.label, format: "openapi3" },
    destinationSpec: { content: head.text, location: head.label, format: "openapi3" },
  });
  const results: DiffResult[] = [
    ...("breakingDifferences" in outcome ? outcome.breakingDifferences : []),
    ...outcome.nonBreakingDifferences,
    ...outcome.unclassifiedDifferences,
  ];
  return results.map((result) => {
    const details = [...result.destinationSpecEntityDetails, ...result.sourceSpecEntityDetails];
    const location = details[0]?.location ?? "(document)";
    const { where, scope } = describeLocation(location);
    const what =
      WHAT[result.code]?.(where) ??
      `${result.entity} ${result.action === "add" ? "added" : "removed"}`;
    const difference: Difference = {
      severity: result.type,
      code: result.code,
      what,
      where,
      source: "openapi-diff",
    };
    const why = WHY[result.code];
    if (why) difference.why = why;
    if (scope) difference.scope = scope;
    return difference;
  });
}
