import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  BROKER_TOKEN_ENV,
  DEFAULT_SELECTORS,
  LOG_LEVELS,
  newSession,
  PROVIDER_TOKEN_ENV,
  parseVerifyArgs,
  type VerifyArgs,
  verifierOptions,
} from "../src/verify";

const fixtures = new URL("fixtures/", import.meta.url).pathname;
const pact = join(fixtures, "broken.pact.json");
const TOKEN = "provider-token-never-shown";
const BROKER_TOKEN = "broker-token-never-shown";
const remote = [
  "--provider-base-url",
  "http://127.0.0.1:1/",
  "--provider-states-url",
  "http://127.0.0.1:1/s/",
];
const env = { [PROVIDER_TOKEN_ENV]: TOKEN };
const empty = mkdtempSync(join(tmpdir(), "verify-args-"));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

const message = (argv: string[], e: NodeJS.ProcessEnv = env) => {
  const parsed = parseVerifyArgs(argv, e);
  return parsed.ok === false ? parsed.message : "ok";
};
const args = (argv: string[], e: NodeJS.ProcessEnv = env): VerifyArgs => {
  const parsed = parseVerifyArgs(argv, e);
  if (parsed.ok !== true) throw new Error(`expected ok, got ${JSON.stringify(parsed)}`);
  return parsed.args;
};

describe("user-extra-verify's arguments", () => {
  it("refuse a token given as a flag, pointing at the environment variable, without echoing it", () => {
    for (const [flag, envName] of [
      ["--token", PROVIDER_TOKEN_ENV],
      ["--broker-token", BROKER_TOKEN_ENV],
    ] as const) {
      for (const argv of [[flag, TOKEN], [`${flag}=${TOKEN}`]]) {
        const text = message(["--pact", pact, ...remote, ...argv]);
        expect(text).toContain(`${flag} is not accepted`);
        expect(text).toContain(`set ${envName}`);
        expect(text).not.toContain(TOKEN);
      }
    }
  });

  it("take the provider's token from the environment and trim trailing slashes", () => {
    expect(args(["--pact", pact, ...remote]).target).toEqual({
      kind: "remote",
      providerBaseUrl: "http://127.0.0.1:1",
      providerStatesUrl: "http://127.0.0.1:1/s",
      token: TOKEN,
    });
    expect(message(["--pact", pact, ...remote], {})).toBe(
      `--provider-base-url needs a token of the provider's caller: set ${PROVIDER_TOKEN_ENV} in the environment`,
    );
  });

  it("name the flag, the problem and what was expected for each bad input", () => {
    const states = ["--provider-states-url", "http://127.0.0.1:1/s"];
    expect(message(["--pact", pact, "--provider-base-url", "http://127.0.0.1:1"])).toBe(
      "--provider-base-url needs --provider-states-url",
    );
    expect(message(["--pact", pact, ...states])).toBe(
      "--provider-states-url needs --provider-base-url",
    );
    expect(message(["--pact", pact, "--provider-base-url", "ftp://x", ...states])).toBe(
      '--provider-base-url "ftp://x": expected an http(s) URL',
    );
    expect(message(["--pact", pact])).toContain("no provider: give --provider-base-url");
    expect(message(["--sandbox"])).toContain("no pacts to verify");
    expect(message(["--pact", "/nonexistent/x.json", "--sandbox"])).toBe(
      "--pact /nonexistent/x.json: no such file or folder",
    );
    expect(message(["--pact", empty, "--sandbox"])).toContain(
      `--pact ${empty}: the folder holds no pact`,
    );
    expect(message(["--pact", pact, "--sandbox", "--nope"])).toContain("--nope");
    expect(message(["--pact", pact, "--sandbox", "--log-level", "loud"])).toBe(
      `--log-level "loud": expected one of ${LOG_LEVELS.join(", ")}`,
    );
    expect(message(["--pact", pact, "--sandbox", ...remote])).toContain("give one provider");
    expect(message(["--pact", pact, "--broker-url", "http://127.0.0.1:2", "--sandbox"])).toContain(
      "give one source of pacts",
    );
    expect(message(["--pact", pact, "--sandbox", "--consumer", "dashboard"])).toContain(
      "need --broker-url",
    );
    expect(message(["--broker-url", "nope", "--sandbox"])).toBe(
      '--broker-url "nope": expected an http(s) URL',
    );
    expect(message(["--broker-url", "http://b", "--sandbox", "--selector", "{"])).toContain(
      "--selector {: not JSON",
    );
  });

  it("expand a folder to its pact files, in name order", () => {
    expect(args(["--pact", fixtures, "--sandbox"]).pactFiles).toEqual([
      pact,
      join(fixtures, "complete.pact.json"),
    ]);
  });

  it("publish only to a broker, and only with the provider's version and branch", () => {
    const broker = ["--broker-url", "http://127.0.0.1:2", "--sandbox"];
    expect(message(["--pact", pact, "--sandbox", "--publish"])).toContain("it needs --broker-url");
    expect(message([...broker, "--publish", "--provider-branch", "main"])).toContain(
      "--publish needs --provider-version",
    );
    expect(message([...broker, "--publish", "--provider-version", "abc"])).toContain(
      "--publish needs --provider-branch",
    );
    expect(message([...broker, "--provider-version", "abc"])).toContain("add --publish");
  });
});

describe("the Verifier's options", () => {
  const target = {
    providerBaseUrl: "http://127.0.0.1:3",
    providerStatesUrl: "http://127.0.0.1:3/s",
    token: TOKEN,
    name: "t",
  };

  it("for files: the files, no broker, no publishing", () => {
    const options = verifierOptions(args(["--pact", pact, "--sandbox"]), target, newSession());
    expect(options).toMatchObject({
      provider: "user-extra-api",
      providerBaseUrl: target.providerBaseUrl,
      pactUrls: [pact],
    });
    expect(options.pactBrokerUrl).toBeUndefined();
    expect(options.publishVerificationResult).toBeUndefined();
    expect(Object.keys(options.stateHandlers ?? {}).length).toBeGreaterThan(0);
  });

  it("for a broker: the URL, the selectors narrowed per consumer, the token from the environment, and publishing", () => {
    const a = args(
      [
        "--broker-url",
        "http://127.0.0.1:2/",
        "--consumer",
        "dashboard",
        "--consumer",
        "onboarding",
        "--sandbox",
        "--publish",
        "--provider-version",
        "0123abc",
        "--provider-branch",
        "main",
      ],
      { ...env, [BROKER_TOKEN_ENV]: BROKER_TOKEN },
    );
    const options = verifierOptions(a, target, newSession());
    expect(options).toMatchObject({
      pactBrokerUrl: "http://127.0.0.1:2",
      pactBrokerToken: BROKER_TOKEN,
      enablePending: true,
      publishVerificationResult: true,
      providerVersion: "0123abc",
      providerVersionBranch: "main",
    });
    expect(options.pactUrls).toBeUndefined();
    expect(options.consumerVersionSelectors).toEqual(
      ["dashboard", "onboarding"].flatMap((consumer) =>
        DEFAULT_SELECTORS.map((s) => ({ ...s, consumer })),
      ),
    );
  });

  it("for a broker: explicit selectors, and basic auth when no token is set", () => {
    const a = args(
      ["--broker-url", "http://127.0.0.1:2", "--selector", '{"branch":"feat"}', "--sandbox"],
      { PACT_BROKER_USERNAME: "u", PACT_BROKER_PASSWORD: "p" },
    );
    const options = verifierOptions(a, target, newSession());
    expect(options.consumerVersionSelectors).toEqual([{ branch: "feat" }]);
    expect(options).toMatchObject({ pactBrokerUsername: "u", pactBrokerPassword: "p" });
    expect(options.pactBrokerToken).toBeUndefined();
  });
});
