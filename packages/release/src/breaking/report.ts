import type { Classification } from "./classify.js";
import { SPEC_PACKAGES, type Verdict } from "./policy.js";
import type { Bump, Difference, Severity } from "./types.js";

const TITLES: Record<Severity, string> = {
  breaking: "BREAKING",
  "non-breaking": "non-breaking",
  unclassified: "unclassified",
};

/** One entry per change, listing every place it shows up (a shared schema shows up in many). */
function group(differences: Difference[]): Array<{ first: Difference; wheres: string[] }> {
  const groups = new Map<string, { first: Difference; wheres: string[] }>();
  for (const d of differences) {
    const key = `${d.severity}|${d.code}|${d.what}`;
    const entry = groups.get(key);
    if (entry) {
      if (!entry.wheres.includes(d.where)) entry.wheres.push(d.where);
    } else groups.set(key, { first: d, wheres: [d.where] });
  }
  return [...groups.values()];
}

export interface ReportInput {
  specLabel: string;
  baselineLabel: string;
  classification: Classification;
  pending: Map<string, Bump>;
  changesetCount: number;
  verdict: Verdict;
  verbose: boolean;
}

export function formatReport(input: ReportInput): string {
  const { classification, verdict } = input;
  const lines: string[] = [];
  lines.push(`Breaking-change check: ${input.specLabel} against ${input.baselineLabel}`);
  const pendingText = SPEC_PACKAGES.map((pkg) => `${pkg} ${input.pending.get(pkg) ?? "none"}`).join(
    ", ",
  );
  lines.push(`Pending changesets: ${input.changesetCount} (${pendingText})`);
  for (const severity of ["breaking", "non-breaking", "unclassified"] as const) {
    const groups = group(classification.differences.filter((d) => d.severity === severity));
    if (groups.length === 0) continue;
    lines.push("", `${groups.length} ${severity} difference${groups.length === 1 ? "" : "s"}:`);
    for (const { first, wheres } of groups) {
      lines.push(
        `  ${TITLES[severity]}  ${first.what}   [${first.source === "rule" ? "rule" : "openapi-diff"} ${first.code}]`,
      );
      if (first.why) lines.push(`      why: ${first.why}`);
      wheres.forEach((where, i) => {
        lines.push(`      ${i === 0 ? "at:  " : "     "}${where}`);
      });
    }
  }
  if (input.verbose && classification.superseded.length > 0) {
    lines.push("", "openapi-diff body verdicts explained field by field above:");
    for (const d of classification.superseded)
      lines.push(`  ${d.severity}  ${d.what}  at ${d.where}  [${d.code}]`);
  }
  lines.push("");
  if (classification.differences.length === 0) {
    lines.push("PASS: no difference in the API.");
  } else if (verdict.ok) {
    lines.push(
      `PASS: the differences need a ${verdict.needed} release; the pending changesets provide it.`,
    );
  } else {
    const has = verdict.missing.map(({ pkg, has }) => `${pkg} (pending: ${has})`).join(" and ");
    const count = group(
      classification.differences.filter((d) => severityFor(verdict.needed).includes(d.severity)),
    ).length;
    const kind =
      verdict.needed === "major"
        ? "breaking"
        : verdict.needed === "minor"
          ? "non-breaking"
          : "unclassified";
    lines.push(
      `FAIL: ${count} ${kind} difference${count === 1 ? " is" : "s are"} not covered by a pending ${verdict.needed} changeset for ${has}.`,
    );
    lines.push(
      `Fix: run \`pnpm changeset\`, select ${SPEC_PACKAGES.join(" and ")}, choose "${verdict.needed}"` +
        `${verdict.needed === "minor" ? " (or major)" : ""}, describe the change for consumers, and commit the new .changeset/*.md file.`,
    );
    if (verdict.needed === "major") {
      lines.push(
        "     Or, if the break is not intended, change the spec back so that it stays compatible.",
      );
    }
  }
  return lines.join("\n");
}

function severityFor(needed: Bump): Severity[] {
  if (needed === "major") return ["breaking"];
  if (needed === "minor") return ["non-breaking"];
  return ["unclassified"];
}
