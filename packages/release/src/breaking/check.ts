import { readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { findBaseline } from "./baseline.js";
import { pendingBumps, readChangesets } from "./changesets.js";
import { classify } from "./classify.js";
import { evaluate } from "./policy.js";
import { formatReport } from "./report.js";
import { parseSpec } from "./spec-document.js";

export interface CheckOptions {
  /** Workspace root: holds openapi/, .changeset/ and the git work tree. */
  root: string;
  /** The spec under review; default `<root>/openapi/user-extra.yaml`. Paths resolve from the cwd. */
  spec?: string | undefined;
  /** Explicit baseline spec file. */
  base?: string | undefined;
  /** Registry to read the published @user-extra/types from (opt-in). */
  registry?: string | undefined;
  /** Pending changesets folder; default `<root>/.changeset`. */
  changesets?: string | undefined;
  verbose?: boolean | undefined;
}

export interface CheckResult {
  ok: boolean;
  /** The report, ready to print. */
  output: string;
}

export async function runBreakingCheck(options: CheckOptions): Promise<CheckResult> {
  const root = resolve(options.root);
  const specFile = options.spec ? resolve(options.spec) : join(root, "openapi", "user-extra.yaml");
  const specLabel = labelOf(root, specFile);
  const head = parseSpec(await readFile(specFile, "utf8"), specLabel);
  const baseline = await findBaseline({
    root,
    specPath: specLabel,
    baseFile: options.base && labelOf(root, resolve(options.base)),
    registry: options.registry,
    baseBranch: await baseBranchOf(root),
  });
  if (!baseline) {
    return {
      ok: true,
      output: [
        `Breaking-change check: ${specLabel}`,
        "No previous release: nothing to compare (no @user-extra/types@* git tag, no origin merge-base, no --base or --registry).",
        "PASS",
      ].join("\n"),
    };
  }
  const classification = await classify(baseline.spec, head);
  const changesets = await readChangesets(
    options.changesets ? resolve(options.changesets) : join(root, ".changeset"),
  );
  const pending = pendingBumps(changesets);
  const verdict = evaluate(classification.differences, pending);
  const output = formatReport({
    specLabel,
    baselineLabel: baseline.spec.label,
    classification,
    pending,
    changesetCount: changesets.length,
    verdict,
    verbose: options.verbose ?? false,
  });
  return { ok: verdict.ok, output };
}

/** A path relative to the root when inside it (as git names it), else absolute. */
function labelOf(root: string, file: string): string {
  const rel = relative(root, file);
  return rel.startsWith("..") || isAbsolute(rel) ? file : rel.split(sep).join("/");
}

async function baseBranchOf(root: string): Promise<string> {
  try {
    const config = JSON.parse(await readFile(join(root, ".changeset", "config.json"), "utf8")) as {
      baseBranch?: unknown;
    };
    return typeof config.baseBranch === "string" ? config.baseBranch : "main";
  } catch {
    return "main";
  }
}
