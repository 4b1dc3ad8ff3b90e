/**
 * The bi-directional check: @pactflow/swagger-mock-validator confirms that every request the
 * pact records is one the spec accepts (path, method, query, headers, auth, body) and every
 * response it expects is one the spec allows.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SwaggerMockValidatorFactory } from "@pactflow/swagger-mock-validator";
import { type OpenApiDocument, readSpec, serverBasePath } from "./spec.js";

/** One finding of the validator (its own type, restated: the validator ships no types). */
export interface ValidationFinding {
  code: string;
  message: string;
  type: "error" | "warning";
  source: string;
  mockDetails?: {
    interactionDescription?: string | null;
    interactionState?: string | null;
    location: string;
    mockFile: string;
    value: unknown;
  };
  specDetails?: {
    location: string;
    pathMethod?: string | null;
    pathName?: string | null;
    specFile: string;
    value: unknown;
  };
}

export interface BidirectionalResult {
  ok: boolean;
  errors: ValidationFinding[];
  warnings: ValidationFinding[];
  /** The validator's one-line summary when it fails. */
  failureReason?: string;
}

/**
 * swagger-mock-validator 14.x matches pact paths against the spec's paths as written and
 * ignores an OpenAPI 3 `servers` path (pactflow/swagger-mock-validator#28). The pact holds
 * `/api/v1/user_extra/...`, the spec `/user_extra/...` under the server `…/api/v1`; so the
 * validator is given the same document with the server's path moved onto every path.
 */
export function withServerPathInPaths(spec: OpenApiDocument): OpenApiDocument {
  const basePath = serverBasePath(spec);
  if (!basePath) return spec;
  const paths: OpenApiDocument["paths"] = {};
  for (const [path, item] of Object.entries(spec.paths)) paths[`${basePath}${path}`] = item;
  return { ...spec, servers: [{ url: "/" }], paths };
}

/** Validates a pact file against a spec file; never throws for an incompatibility. */
export async function checkBidirectional(options: {
  specFile: string;
  pactFile: string;
}): Promise<BidirectionalResult> {
  const spec = readSpec(options.specFile);
  const basePath = serverBasePath(spec);
  const derived = withServerPathInPaths(spec);
  const dir = mkdtempSync(join(tmpdir(), "user-extra-bidirectional-"));
  try {
    const specCopy = join(dir, "spec.json");
    writeFileSync(specCopy, JSON.stringify(derived));
    const outcome = await SwaggerMockValidatorFactory.create().validate({
      specPathOrUrl: specCopy,
      mockPathOrUrl: options.pactFile,
      // The defaults, stated: a pact may leave out fields it does not read (required fields are
      // not enforced), but may not expect a field the spec does not define.
      additionalPropertiesInResponse: "false",
      requiredPropertiesInResponse: "false",
    });
    // Point the findings back at the spec as written, not at the derived copy.
    const toOriginal = (finding: ValidationFinding): ValidationFinding => {
      const details = finding.specDetails;
      if (!details) return finding;
      const pathName =
        basePath && details.pathName?.startsWith(basePath)
          ? details.pathName.slice(basePath.length)
          : details.pathName;
      return {
        ...finding,
        specDetails: {
          ...details,
          specFile: options.specFile,
          pathName,
          location: basePath
            ? details.location.replace(`[root].paths.${basePath}/`, "[root].paths./")
            : details.location,
        },
      };
    };
    const result: BidirectionalResult = {
      ok: outcome.success && outcome.errors.length === 0,
      errors: outcome.errors.map(toOriginal),
      warnings: outcome.warnings.map(toOriginal),
    };
    if (outcome.failureReason) {
      result.failureReason = outcome.failureReason.replaceAll(specCopy, options.specFile);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describeFinding(finding: ValidationFinding): string[] {
  const mock = finding.mockDetails;
  const spec = finding.specDetails;
  const lines = [`    - [${finding.code}] ${finding.message}`];
  if (mock) {
    // The validator reads no V4 provider states and reports "[none]" for them.
    const known = mock.interactionState && mock.interactionState !== "[none]";
    const state = known ? ` given "${mock.interactionState}"` : "";
    lines.push(`      interaction: "${mock.interactionDescription ?? "?"}"${state}`);
    lines.push(`      in the pact at: ${mock.location}`);
  }
  if (spec) {
    const where = spec.pathName
      ? ` (${spec.pathMethod?.toUpperCase() ?? ""} ${spec.pathName})`
      : "";
    lines.push(`      in the spec at: ${spec.location}${where}`);
  }
  return lines;
}

/** The validator's explanation, one finding per block. */
export function formatBidirectional(result: BidirectionalResult): string {
  const lines: string[] = [];
  if (result.ok) {
    lines.push("bi-directional check: ok, the pact is compatible with the spec");
  } else {
    lines.push(
      `bi-directional check: the pact is not compatible with the spec (${result.errors.length} error(s))`,
    );
    if (result.failureReason) lines.push(`  ${result.failureReason}`);
    for (const error of result.errors) lines.push(...describeFinding(error));
  }
  if (result.warnings.length > 0) {
    lines.push(`  warnings (${result.warnings.length}), not failing the run:`);
    for (const warning of result.warnings) lines.push(...describeFinding(warning));
  }
  return lines.join("\n");
}
