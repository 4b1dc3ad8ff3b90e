/**
 * The coverage gate: every (method, path, status) the spec declares must be exercised by an
 * interaction of the pact, and every interaction must exercise something the spec declares.
 * The list of what must be covered is read from the spec, never maintained by hand, so adding a
 * status to the spec turns the gate red until a consumer test covers it.
 */
import { readFileSync } from "node:fs";
import { type OpenApiDocument, readSpec, serverBasePath } from "@user-extra/pact/check";
import { walkOperations } from "@user-extra/types/operations";

// The spec's reading is the kit's (one implementation); the gate's callers get it from here.
export { type OpenApiDocument, readSpec, serverBasePath };

/** One operation outcome: an upper-case method, the spec's path template and a status. */
export interface Outcome {
  method: string;
  /** The spec's path template, relative to the server (for example `/user_extra/{id}/`). */
  path: string;
  /** A concrete status code, or a range (`4XX`) when the spec declares one. */
  status: string;
  operationId?: string;
}

/** An interaction of the pact whose outcome the spec does not declare. */
export interface UndeclaredOutcome {
  method: string;
  /** The matching spec template, or the pact's concrete path when no template matches. */
  path: string;
  status: string;
  /** The interactions' descriptions, so the reader finds the test to fix. */
  interactions: string[];
  reason: "unknown path" | "unknown method" | "undeclared status";
}

export interface CoverageReport {
  /** Declared by the spec, exercised by no interaction. */
  missingFromPact: Outcome[];
  /** Exercised by an interaction, not declared by the spec. */
  undeclaredInSpec: UndeclaredOutcome[];
  /** How many outcomes the spec declares, and how many HTTP interactions the pact holds. */
  specOutcomes: number;
  pactInteractions: number;
}

/** The parts of a pact file (V2 to V4) the gate reads. */
export interface PactDocument {
  interactions: Array<{
    type?: string;
    description?: string;
    request?: { method?: string; path?: string };
    response?: { status?: number };
  }>;
}

/** Reads a pact file, failing with the file and the missing part named. */
export function readPact(file: string): PactDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`pact ${file}: not JSON (${(error as Error).message}); expected a pact file`);
  }
  if (!isRecord(doc) || !Array.isArray(doc.interactions)) {
    throw new Error(
      `pact ${file}: "interactions" is missing or not an array; expected a pact file`,
    );
  }
  return doc as unknown as PactDocument;
}

/** Every (method, path, status) the spec declares, in the spec's order. */
export function specOutcomes(spec: OpenApiDocument): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const { method, path, operationId, responses } of walkOperations(spec)) {
    for (const { status } of responses) {
      // `default` stands for "any other status": nothing to cover, nothing it forbids.
      if (status === "default") continue;
      const outcome: Outcome = { method: method.toUpperCase(), path, status };
      if (operationId !== undefined) outcome.operationId = operationId;
      outcomes.push(outcome);
    }
  }
  return outcomes;
}

interface CompiledPath {
  template: string;
  pattern: RegExp;
  /** Literal characters: a literal `/user_extra/me/` beats the template `/user_extra/{id}/`. */
  literalLength: number;
}

function compilePath(template: string): CompiledPath {
  const parts = template.split(/(\{[^}]+\})/);
  let source = "";
  let literalLength = 0;
  for (const part of parts) {
    if (/^\{[^}]+\}$/.test(part)) {
      source += "[^/]+";
    } else {
      source += part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      literalLength += part.length;
    }
  }
  return { template, pattern: new RegExp(`^${source}$`), literalLength };
}

/** The spec template a concrete path (server prefix already removed) matches, if any. */
export function matchTemplate(templates: string[], concretePath: string): string | undefined {
  let best: CompiledPath | undefined;
  for (const template of templates) {
    const compiled = compilePath(template);
    if (!compiled.pattern.test(concretePath)) continue;
    if (!best || compiled.literalLength > best.literalLength) best = compiled;
  }
  return best?.template;
}

function statusDeclared(declared: string[], status: string): string | undefined {
  if (declared.includes(status)) return status;
  const range = `${status[0]}XX`;
  const declaredRange = declared.find((d) => d.toUpperCase() === range);
  if (declaredRange) return declaredRange;
  return undefined;
}

/** Compares the spec's outcomes with the pact's interactions, both ways. */
export function checkCoverage(spec: OpenApiDocument, pact: PactDocument): CoverageReport {
  const outcomes = specOutcomes(spec);
  const basePath = serverBasePath(spec);
  const templates = Object.keys(spec.paths);
  /** The statuses each operation declares, by "METHOD template". */
  const declared = new Map(
    walkOperations(spec).map((o) => [
      `${o.method.toUpperCase()} ${o.path}`,
      o.responses.map((r) => r.status),
    ]),
  );

  const covered = new Set<string>();
  const undeclared = new Map<string, UndeclaredOutcome>();
  let httpInteractions = 0;

  const addUndeclared = (entry: Omit<UndeclaredOutcome, "interactions">, description: string) => {
    const key = `${entry.method} ${entry.path} ${entry.status}`;
    const existing = undeclared.get(key);
    if (existing) existing.interactions.push(description);
    else undeclared.set(key, { ...entry, interactions: [description] });
  };

  pact.interactions.forEach((interaction, index) => {
    // V4 pacts may hold messages; only HTTP interactions have a method, path and status.
    if (interaction.type !== undefined && interaction.type !== "Synchronous/HTTP") return;
    httpInteractions++;
    const description = interaction.description ?? `interactions[${index}]`;
    const method = interaction.request?.method?.toUpperCase();
    const concrete = interaction.request?.path;
    const statusCode = interaction.response?.status;
    if (!method || typeof concrete !== "string" || typeof statusCode !== "number") {
      throw new Error(
        `pact interactions[${index}] ("${description}"): request.method, request.path and ` +
          "response.status are required",
      );
    }
    const status = String(statusCode);
    const relative =
      basePath && concrete.startsWith(`${basePath}/`) ? concrete.slice(basePath.length) : undefined;
    const template =
      basePath && relative === undefined
        ? undefined
        : matchTemplate(templates, relative ?? concrete);
    if (!template) {
      addUndeclared({ method, path: concrete, status, reason: "unknown path" }, description);
      return;
    }
    const statuses = declared.get(`${method} ${template}`);
    if (!statuses) {
      addUndeclared({ method, path: template, status, reason: "unknown method" }, description);
      return;
    }
    const declaredStatus = statusDeclared(statuses, status);
    if (declaredStatus) covered.add(`${method} ${template} ${declaredStatus}`);
    else if (!statuses.includes("default")) {
      addUndeclared({ method, path: template, status, reason: "undeclared status" }, description);
    }
  });

  return {
    missingFromPact: outcomes.filter((o) => !covered.has(`${o.method} ${o.path} ${o.status}`)),
    undeclaredInSpec: [...undeclared.values()],
    specOutcomes: outcomes.length,
    pactInteractions: httpInteractions,
  };
}

export function coverageOk(report: CoverageReport): boolean {
  return report.missingFromPact.length === 0 && report.undeclaredInSpec.length === 0;
}

/** A message that names every gap, one per line, and says how to close it. */
export function formatCoverage(report: CoverageReport): string {
  if (coverageOk(report)) {
    return (
      `coverage gate: ok, the pact's ${report.pactInteractions} interactions exercise all ` +
      `${report.specOutcomes} (method, path, status) the spec declares`
    );
  }
  const lines = ["coverage gate: the pact and the spec disagree"];
  if (report.missingFromPact.length > 0) {
    lines.push(
      `  declared by the spec, exercised by no interaction (${report.missingFromPact.length}); ` +
        "add a consumer test for each:",
    );
    for (const o of report.missingFromPact) {
      const op = o.operationId ? ` (${o.operationId})` : "";
      lines.push(`    - ${o.method} ${o.path} ${o.status}${op}`);
    }
  }
  if (report.undeclaredInSpec.length > 0) {
    lines.push(
      `  exercised by the pact, not declared by the spec (${report.undeclaredInSpec.length}); ` +
        "declare it in the spec or remove the interaction:",
    );
    for (const u of report.undeclaredInSpec) {
      const names = u.interactions.map((d) => `"${d}"`).join(", ");
      lines.push(`    - ${u.method} ${u.path} ${u.status} [${u.reason}] from ${names}`);
    }
  }
  return lines.join("\n");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
