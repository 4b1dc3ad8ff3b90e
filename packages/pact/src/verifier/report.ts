// From pact-core's JSON result to what a CI reader needs: one line per failing interaction
// (consumer, interaction, the difference) and a JUnit report. Every text that leaves the
// verifier goes through `redact`, so no token reaches a log or a report.
import type { PactInteraction } from "./pacts.js";

export interface Failure {
  consumer: string;
  interaction: string;
  difference: string;
}

interface Mismatch {
  type?: string;
  path?: string;
  mismatch?: string;
  message?: string;
}

/** Replaces every secret in `text` by `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.replaceAll(secret, "[redacted]");
  return out;
}

/**
 * pact-core names an interaction "Verifying a pact between C and P[ Given S] - D"; this splits
 * out the consumer C and the description D.
 */
export function splitInteraction(
  text: string,
  provider: string,
): { consumer: string; description: string } {
  const prefix = "Verifying a pact between ";
  const marker = ` and ${provider}`;
  const at = text.indexOf(marker);
  if (!text.startsWith(prefix) || at < 0) return { consumer: "?", description: text };
  const consumer = text.slice(prefix.length, at);
  const rest = text.slice(at + marker.length);
  const dash = rest.indexOf(" - ");
  return { consumer, description: dash >= 0 ? rest.slice(dash + 3) : rest.trim() };
}

function describeMismatch(m: Mismatch): string {
  const what = (m.mismatch ?? m.message ?? m.type ?? "mismatch").replace(/\s+/g, " ").trim();
  if (m.type === "StatusMismatch") return `status: ${what}`;
  return m.path ? `${m.path}: ${what}` : what;
}

/** The failures of pact-core's JSON result; undefined when the text is not that result. */
export function parseFailures(resultJson: string, provider: string): Failure[] | undefined {
  let report: unknown;
  try {
    report = JSON.parse(resultJson);
  } catch {
    return undefined;
  }
  const errors = (report as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return undefined;
  return errors.map(
    (entry: { interaction?: string; mismatch?: Mismatch & { mismatches?: Mismatch[] } }) => {
      const { consumer, description } = splitInteraction(entry.interaction ?? "", provider);
      const mismatches = Array.isArray(entry.mismatch?.mismatches)
        ? entry.mismatch.mismatches
        : entry.mismatch
          ? [entry.mismatch]
          : [];
      // pact-core lists body mismatches in hash order: sorted, the line is the same every run.
      const ordered = [...mismatches].sort(
        (a, b) =>
          Number(b.type === "StatusMismatch") - Number(a.type === "StatusMismatch") ||
          (a.path ?? "").localeCompare(b.path ?? ""),
      );
      const shown = ordered.slice(0, 3).map(describeMismatch);
      if (mismatches.length > 3) shown.push(`(+${mismatches.length - 3} more)`);
      return { consumer, interaction: description, difference: shown.join("; ") || "failed" };
    },
  );
}

/** One line per failing interaction. */
export function formatFailures(failures: Failure[], secrets: readonly string[]): string {
  const lines = failures.map((f) => `FAILED ${f.consumer}: "${f.interaction}": ${f.difference}`);
  return redact(lines.join("\n"), secrets);
}

const xml = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    // Control characters (ANSI colours) are not allowed in XML 1.0.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

/**
 * A JUnit report: one testsuite per consumer, one testcase per interaction. With pacts from a
 * broker the interactions are not known ahead, so only the failures and one passing case are
 * listed.
 */
export function junitReport(options: {
  provider: string;
  interactions: PactInteraction[] | undefined;
  failures: Failure[];
  /** Set when the run could not verify at all (unreachable provider, bad state). */
  error?: string;
  secrets: readonly string[];
}): string {
  const { provider, failures } = options;
  const failed = (consumer: string, description: string) =>
    failures.find((f) => f.consumer === consumer && f.interaction === description);
  const cases: Array<{ consumer: string; name: string; failure?: string }> = [];
  if (options.interactions) {
    for (const i of options.interactions) {
      const f = failed(i.consumer, i.description);
      const name =
        i.states.length > 0 ? `given ${i.states.join(", ")} - ${i.description}` : i.description;
      cases.push(
        f ? { consumer: i.consumer, name, failure: f.difference } : { consumer: i.consumer, name },
      );
    }
    // A failure pact-core reports that no file listed (should not happen) is still reported.
    for (const f of failures) {
      if (
        !options.interactions.some(
          (i) => i.consumer === f.consumer && i.description === f.interaction,
        )
      ) {
        cases.push({ consumer: f.consumer, name: f.interaction, failure: f.difference });
      }
    }
  } else {
    for (const f of failures)
      cases.push({ consumer: f.consumer, name: f.interaction, failure: f.difference });
    if (failures.length === 0 && !options.error)
      cases.push({ consumer: "broker", name: "every pact selected from the broker" });
  }
  if (options.error)
    cases.push({ consumer: "verifier", name: "verification ran", failure: options.error });

  const suites = new Map<string, typeof cases>();
  for (const c of cases) suites.set(c.consumer, [...(suites.get(c.consumer) ?? []), c]);
  const body = [...suites].map(([consumer, list]) => {
    const failuresInSuite = list.filter((c) => c.failure !== undefined).length;
    const testcases = list.map((c) => {
      const open = `    <testcase classname="${xml(`${consumer} -> ${provider}`)}" name="${xml(c.name)}"`;
      if (c.failure === undefined) return `${open}/>`;
      return `${open}>\n      <failure message="${xml(c.failure)}"/>\n    </testcase>`;
    });
    return [
      `  <testsuite name="${xml(`${consumer} -> ${provider}`)}" tests="${list.length}" failures="${failuresInSuite}">`,
      ...testcases,
      "  </testsuite>",
    ].join("\n");
  });
  const total = cases.length;
  const totalFailures = cases.filter((c) => c.failure !== undefined).length;
  const text = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="user-extra-verify" tests="${total}" failures="${totalFailures}">`,
    ...body,
    "</testsuites>",
    "",
  ].join("\n");
  return redact(text, options.secrets);
}
