/**
 * The checks of the team's pact and of its verification: what the pact file must hold, the
 * installed verifier's arguments, the tampered copy that must fail, and what the verifier's
 * JUnit report and output must name. Pure functions; rehearse.ts runs the commands.
 */
import type { TeamInteraction } from "./team-files.js";

/** What the installed kit reports about itself (team-files' KIT_FACTS_MJS prints it). */
export interface KitFacts {
  provider: string;
  vocabulary: string[];
}

export function parseKitFacts(stdout: string): KitFacts {
  let value: unknown;
  try {
    value = JSON.parse(stdout.trim());
  } catch {
    throw new Error(
      `the installed kit printed no JSON facts: ${JSON.stringify(stdout.slice(0, 200))}`,
    );
  }
  const facts = value as Partial<KitFacts> | null;
  if (
    typeof facts?.provider !== "string" ||
    !Array.isArray(facts.vocabulary) ||
    facts.vocabulary.length === 0 ||
    !facts.vocabulary.every((s) => typeof s === "string")
  ) {
    throw new Error(
      `the installed kit's facts lack a provider name or a vocabulary: ${JSON.stringify(value)}`,
    );
  }
  return { provider: facts.provider, vocabulary: facts.vocabulary };
}

/** The file Pact writes for a consumer and a provider. */
export function pactFileName(consumer: string, provider: string): string {
  return `${consumer}-${provider}.json`;
}

interface PactInteractionJson {
  description?: unknown;
  providerStates?: Array<{ name?: unknown }>;
  response?: { status?: unknown };
}

interface PactJson {
  consumer?: { name?: unknown };
  provider?: { name?: unknown };
  interactions?: PactInteractionJson[];
}

/** The problems of the pact the team's tests wrote (empty when it is as they describe). */
export function teamPactProblems(
  pact: unknown,
  expected: {
    consumer: string;
    provider: string;
    vocabulary: readonly string[];
    interactions: readonly TeamInteraction[];
  },
): string[] {
  const problems: string[] = [];
  const doc = (pact ?? {}) as PactJson;
  if (doc.consumer?.name !== expected.consumer)
    problems.push(
      `consumer is ${JSON.stringify(doc.consumer?.name)}, expected "${expected.consumer}"`,
    );
  if (doc.provider?.name !== expected.provider)
    problems.push(
      `provider is ${JSON.stringify(doc.provider?.name)}, expected "${expected.provider}"`,
    );
  const interactions = Array.isArray(doc.interactions) ? doc.interactions : [];
  if (interactions.length !== expected.interactions.length)
    problems.push(
      `${interactions.length} interaction(s), expected ${expected.interactions.length} (one per test)`,
    );
  for (const want of expected.interactions) {
    const found = interactions.find((i) => i.description === want.description);
    if (!found) {
      problems.push(`no interaction "${want.description}"`);
      continue;
    }
    if (found.response?.status !== want.status)
      problems.push(
        `"${want.description}" expects status ${JSON.stringify(found.response?.status)}, the test said ${want.status}`,
      );
    const states = Array.isArray(found.providerStates) ? found.providerStates : [];
    if (states.length === 0) problems.push(`"${want.description}" names no provider state`);
    for (const state of states) {
      if (typeof state.name !== "string" || !expected.vocabulary.includes(state.name))
        problems.push(
          `"${want.description}" names the state ${JSON.stringify(state.name)}, which is not in the kit's vocabulary`,
        );
    }
  }
  return problems;
}

/**
 * A copy of the pact in which one interaction expects `status` instead of what the provider
 * answers: the verification of this copy must fail, naming the consumer and that interaction.
 */
export function tamperedPact(pact: unknown, description: string, status: number): unknown {
  const copy = structuredClone(pact) as PactJson;
  const target = copy.interactions?.find((i) => i.description === description);
  if (!target?.response) throw new Error(`the pact has no interaction "${description}" to tamper`);
  if (target.response.status === status)
    throw new Error(`"${description}" already expects ${status}: pick another status`);
  target.response.status = status;
  return copy;
}

/** A status the team expects elsewhere but not in `interaction`: wrong for it, still plausible. */
export function wrongStatusFor(
  interaction: TeamInteraction,
  interactions: readonly TeamInteraction[],
): number {
  const other = interactions.find((i) => i.status !== interaction.status);
  if (!other) throw new Error("every interaction expects the same status: nothing to swap in");
  return other.status;
}

/**
 * The installed verifier's command line as the API owner runs it against a deployment: the
 * pacts, the provider's origin (the pact's paths carry the API's base path) and its
 * provider-state URL, a JUnit report. The token is not an argument: it travels in
 * USER_EXTRA_PROVIDER_TOKEN.
 */
export function verifyArgs(options: {
  pacts: string;
  sandboxUrl: string;
  providerStatesUrl: string;
  junit: string;
}): string[] {
  return [
    "--pact",
    options.pacts,
    "--provider-base-url",
    new URL(options.sandboxUrl).origin,
    "--provider-states-url",
    options.providerStatesUrl,
    "--junit",
    options.junit,
  ];
}

const unxml = (text: string) =>
  text
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/** The testcases of a JUnit report: name, and the failure message when it failed. */
export function junitCases(xml: string): Array<{ name: string; failure?: string }> {
  const cases: Array<{ name: string; failure?: string }> = [];
  const pattern = /<testcase\b[^>]*\bname="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(pattern)) {
    const failure = /<failure\b[^>]*\bmessage="([^"]*)"/.exec(match[3] ?? "")?.[1];
    cases.push({
      name: unxml(match[1] ?? ""),
      ...(failure !== undefined ? { failure: unxml(failure) } : {}),
    });
  }
  return cases;
}

/**
 * The problems of the JUnit report: one testcase per interaction, each naming its description,
 * failed exactly for the descriptions in `failing`.
 */
export function junitProblems(
  xml: string,
  interactions: readonly TeamInteraction[],
  failing: readonly string[] = [],
): string[] {
  const cases = junitCases(xml);
  const problems: string[] = [];
  if (cases.length !== interactions.length)
    problems.push(`${cases.length} testcase(s), expected ${interactions.length}`);
  for (const { description } of interactions) {
    const found = cases.find((c) => c.name.endsWith(description));
    if (!found) problems.push(`no testcase names "${description}"`);
    else if (failing.includes(description) && found.failure === undefined)
      problems.push(`"${description}" should have failed`);
    else if (!failing.includes(description) && found.failure !== undefined)
      problems.push(`"${description}" failed: ${found.failure}`);
  }
  return problems;
}

/** The verifier's line for a failing interaction: `FAILED <consumer>: "<interaction>": ...`. */
export function failureLine(
  output: string,
  consumer: string,
  description: string,
): string | undefined {
  const prefix = `FAILED ${consumer}: "${description}": `;
  return output.split("\n").find((line) => line.startsWith(prefix));
}
