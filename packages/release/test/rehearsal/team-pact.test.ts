import { describe, expect, it } from "vitest";
import { TEAM_INTERACTIONS, type TeamInteraction } from "../../src/rehearsal/team-files.js";
import {
  failureLine,
  junitCases,
  junitProblems,
  pactFileName,
  parseKitFacts,
  tamperedPact,
  teamPactProblems,
  verifyArgs,
  wrongStatusFor,
} from "../../src/rehearsal/team-pact.js";

const interactions: TeamInteraction[] = [
  { test: "reads", description: "a request for 7", state: "recordExists", id: 7, status: 200 },
  { test: "misses", description: "a request for 9", state: "recordMissing", id: 9, status: 404 },
];
const vocabulary = ["a user extra with id {id} exists", "no user extra with id {id} exists"];

/** A pact as Pact V4 writes it, reduced to what the checks read. */
function pactOf(list: TeamInteraction[], consumer = "team") {
  return {
    consumer: { name: consumer },
    provider: { name: "api" },
    interactions: list.map((i, n) => ({
      description: i.description,
      providerStates: [{ name: vocabulary[n % 2], params: { id: i.id } }],
      request: { method: "GET", path: `/api/v1/user_extra/${i.id}/` },
      response: { status: i.status },
    })),
  };
}
const expected = { consumer: "team", provider: "api", vocabulary, interactions };

describe("teamPactProblems", () => {
  it("accepts the pact the tests describe", () => {
    expect(teamPactProblems(pactOf(interactions), expected)).toEqual([]);
  });

  it("names a wrong consumer, a missing interaction, a wrong status and a foreign state", () => {
    const pact = pactOf(interactions, "someone-else");
    const [first] = pact.interactions;
    if (!first) throw new Error("no interaction");
    first.response.status = 201;
    first.providerStates = [{ name: "the moon is full", params: { id: 7 } }];
    pact.interactions.pop();
    const problems = teamPactProblems(pact, expected);
    expect(problems).toEqual([
      'consumer is "someone-else", expected "team"',
      "1 interaction(s), expected 2 (one per test)",
      '"a request for 7" expects status 201, the test said 200',
      '"a request for 7" names the state "the moon is full", which is not in the kit\'s vocabulary',
      'no interaction "a request for 9"',
    ]);
  });

  it("requires a provider state on every interaction", () => {
    const pact = pactOf(interactions);
    for (const i of pact.interactions) i.providerStates = [];
    expect(teamPactProblems(pact, expected)).toEqual([
      '"a request for 7" names no provider state',
      '"a request for 9" names no provider state',
    ]);
  });

  it("names a file that is not a pact at all", () => {
    expect(teamPactProblems("not a pact", expected)).toContain(
      "0 interaction(s), expected 2 (one per test)",
    );
  });
});

describe("tamperedPact", () => {
  it("changes that interaction's status only, in a copy", () => {
    const pact = pactOf(interactions);
    const copy = tamperedPact(pact, "a request for 9", 200) as ReturnType<typeof pactOf>;
    expect(copy.interactions.map((i) => i.response.status)).toEqual([200, 200]);
    expect(pact.interactions.map((i) => i.response.status)).toEqual([200, 404]);
    expect(copy.interactions[1]?.providerStates).toEqual(pact.interactions[1]?.providerStates);
  });

  it("refuses an unknown interaction and a status that changes nothing", () => {
    expect(() => tamperedPact(pactOf(interactions), "nope", 200)).toThrow(
      'the pact has no interaction "nope" to tamper',
    );
    expect(() => tamperedPact(pactOf(interactions), "a request for 9", 404)).toThrow(
      /already expects 404/,
    );
  });

  it("the wrong status is one another interaction expects", () => {
    const [exists, missing] = TEAM_INTERACTIONS;
    if (!exists || !missing) throw new Error("the team needs two interactions");
    expect(wrongStatusFor(missing, TEAM_INTERACTIONS)).not.toBe(missing.status);
    expect(TEAM_INTERACTIONS.map((i) => i.status)).toContain(
      wrongStatusFor(missing, TEAM_INTERACTIONS),
    );
    expect(() => wrongStatusFor(exists, [exists])).toThrow(/same status/);
  });
});

describe("verifyArgs", () => {
  it("targets the sandbox's origin and states URL, with a JUnit report and no token", () => {
    const args = verifyArgs({
      pacts: "pacts",
      sandboxUrl: "http://127.0.0.1:41234/api/v1",
      providerStatesUrl: "http://127.0.0.1:41234/_pact/provider-states",
      junit: "reports/pact.xml",
    });
    expect(args).toEqual([
      "--pact",
      "pacts",
      "--provider-base-url",
      "http://127.0.0.1:41234",
      "--provider-states-url",
      "http://127.0.0.1:41234/_pact/provider-states",
      "--junit",
      "reports/pact.xml",
    ]);
    expect(args.some((a) => /token/i.test(a))).toBe(false);
  });
});

// The shape user-extra-verify writes (one testsuite per consumer, one testcase per interaction).
const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="user-extra-verify" tests="2" failures="1">
  <testsuite name="team -&gt; api" tests="2" failures="1">
    <testcase classname="team -&gt; api" name="given no user extra with id {id} exists - a request for 9">
      <failure message="status: expected 200 but was 404"/>
    </testcase>
    <testcase classname="team -&gt; api" name="given a user extra with id {id} exists - a request for 7"/>
  </testsuite>
</testsuites>
`;

describe("the JUnit report", () => {
  it("reads every testcase with its failure", () => {
    expect(junitCases(JUNIT)).toEqual([
      {
        name: "given no user extra with id {id} exists - a request for 9",
        failure: "status: expected 200 but was 404",
      },
      { name: "given a user extra with id {id} exists - a request for 7" },
    ]);
  });

  it("passes when exactly the expected interactions failed", () => {
    expect(junitProblems(JUNIT, interactions, ["a request for 9"])).toEqual([]);
  });

  it("names an unexpected failure, a missing failure and a missing testcase", () => {
    expect(junitProblems(JUNIT, interactions)).toEqual([
      '"a request for 9" failed: status: expected 200 but was 404',
    ]);
    expect(junitProblems(JUNIT, interactions, ["a request for 7", "a request for 9"])).toEqual([
      '"a request for 7" should have failed',
    ]);
    const more = [...interactions, { ...interactions[0], description: "a third" }];
    expect(junitProblems(JUNIT, more as TeamInteraction[], ["a request for 9"])).toEqual([
      "2 testcase(s), expected 3",
      'no testcase names "a third"',
    ]);
  });
});

describe("failureLine", () => {
  const output = [
    "user-extra-verify: 1 interaction(s) failed against http://127.0.0.1:1:",
    'FAILED team: "a request for 9": status: expected 200 but was 404',
  ].join("\n");

  it("finds the line naming the consumer and the interaction", () => {
    expect(failureLine(output, "team", "a request for 9")).toBe(
      'FAILED team: "a request for 9": status: expected 200 but was 404',
    );
  });

  it("finds nothing for another consumer or interaction", () => {
    expect(failureLine(output, "other-team", "a request for 9")).toBeUndefined();
    expect(failureLine(output, "team", "a request for 7")).toBeUndefined();
  });
});

describe("parseKitFacts and pactFileName", () => {
  it("reads the provider and the vocabulary the kit prints", () => {
    const facts = parseKitFacts(`${JSON.stringify({ provider: "api", vocabulary })}\n`);
    expect(facts).toEqual({ provider: "api", vocabulary });
    expect(pactFileName("team", facts.provider)).toBe("team-api.json");
  });

  it("refuses output that is not the facts", () => {
    expect(() => parseKitFacts("Warning: something\n")).toThrow(/printed no JSON facts/);
    expect(() => parseKitFacts(JSON.stringify({ provider: "api", vocabulary: [] }))).toThrow(
      /lack a provider name or a vocabulary/,
    );
  });
});
