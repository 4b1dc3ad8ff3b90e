// The verifier's command line, read without side effects so that every refusal can be tested
// in-process: what to verify, against what, or the one line that says what is wrong (exit 2).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PROVIDER } from "../kit/consumer.js";

/** The environment variables the tokens are read from: never a flag, never printed. */
export const PROVIDER_TOKEN_ENV = "USER_EXTRA_PROVIDER_TOKEN";
export const BROKER_TOKEN_ENV = "PACT_BROKER_TOKEN";

export const USAGE = `usage: user-extra-verify SOURCE TARGET [--publish --provider-version V --provider-branch B]
                         [--junit FILE] [--log-level LEVEL] [--provider NAME]
  SOURCE: --pact FILE_OR_DIR ...            pact files, or folders of them
        | --broker-url URL [--consumer NAME ...] [--selector JSON ...]
                                            (${BROKER_TOKEN_ENV}, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD)
  TARGET: --provider-base-url URL --provider-states-url URL   (token: ${PROVIDER_TOKEN_ENV})
        | --sandbox                          starts @user-extra/sandbox on a free port
  exit: 0 verified, 1 an interaction failed, 2 bad usage or unreachable provider`;

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ConsumerVersionSelector {
  consumer?: string;
  mainBranch?: boolean;
  branch?: string;
  deployedOrReleased?: boolean;
  deployed?: boolean;
  released?: boolean;
  environment?: string;
  matchingBranch?: boolean;
  tag?: string;
  latest?: boolean;
  fallbackTag?: string;
}

/** Every pact a team's main branch has, and every one deployed or released: Pact's advice. */
export const DEFAULT_SELECTORS: ConsumerVersionSelector[] = [
  { mainBranch: true },
  { deployedOrReleased: true },
];

export interface BrokerSource {
  url: string;
  selectors: ConsumerVersionSelector[];
  /** From the environment only. */
  auth: { token: string } | { username: string; password: string } | undefined;
}

export type Target =
  | { kind: "remote"; providerBaseUrl: string; providerStatesUrl: string; token: string }
  | { kind: "sandbox" };

export interface VerifyArgs {
  provider: string;
  /** Pact files (folders expanded), or absent when the pacts come from a broker. */
  pactFiles?: string[];
  broker?: BrokerSource;
  target: Target;
  publish?: { providerVersion: string; providerBranch: string };
  junitFile?: string;
  logLevel: LogLevel;
}

export type Parsed =
  | { ok: true; args: VerifyArgs }
  | { ok: false; message: string }
  | { ok: "help" };

function httpUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return value.replace(/\/+$/, "");
  } catch {
    // Reported by the caller, naming the flag.
  }
  return undefined;
}

/** A file as is, a folder as the `*.json` files in it; an error naming the flag otherwise. */
function expandPacts(sources: string[]): string[] | string {
  const files: string[] = [];
  for (const source of sources) {
    if (!existsSync(source)) return `--pact ${source}: no such file or folder`;
    if (statSync(source).isDirectory()) {
      const found = readdirSync(source)
        .filter((name) => name.endsWith(".json"))
        .sort()
        .map((name) => join(source, name));
      if (found.length === 0) {
        return `--pact ${source}: the folder holds no pact (*.json); run the consumer tests first`;
      }
      files.push(...found);
    } else {
      files.push(source);
    }
  }
  return files;
}

function parseSelector(text: string): ConsumerVersionSelector | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `--selector ${text}: not JSON; expected an object such as '{"mainBranch":true}'`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `--selector ${text}: expected a JSON object such as '{"deployedOrReleased":true}'`;
  }
  return value as ConsumerVersionSelector;
}

/** Reads the arguments (without a leading `--`) and the environment. */
export function parseVerifyArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): Parsed {
  const fail = (message: string): Parsed => ({ ok: false, message });
  // Refused by name, before anything else reads the value: a flag shows in `ps` and CI logs.
  const tokenFlag = argv.find((a) => /^--(token|broker-token)(=|$)/.test(a));
  if (tokenFlag) {
    const name = tokenFlag.split("=")[0];
    const envName = name === "--token" ? PROVIDER_TOKEN_ENV : BROKER_TOKEN_ENV;
    return fail(
      `${name} is not accepted: a token on the command line shows in the process list and CI logs; set ${envName} in the environment instead`,
    );
  }
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        pact: { type: "string", multiple: true },
        "broker-url": { type: "string" },
        consumer: { type: "string", multiple: true },
        selector: { type: "string", multiple: true },
        "provider-base-url": { type: "string" },
        "provider-states-url": { type: "string" },
        sandbox: { type: "boolean" },
        provider: { type: "string", default: PROVIDER },
        publish: { type: "boolean" },
        "provider-version": { type: "string" },
        "provider-branch": { type: "string" },
        junit: { type: "string" },
        "log-level": { type: "string", default: "warn" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    // node's message names the flag ("Unknown option '--x'", "Option '--pact <value>' argument missing").
    return fail((error as Error).message.split("\n")[0] ?? "bad arguments");
  }
  if (values.help) return { ok: "help" };

  const logLevel = values["log-level"] as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    return fail(
      `--log-level ${JSON.stringify(logLevel)}: expected one of ${LOG_LEVELS.join(", ")}`,
    );
  }

  // Where the pacts come from: files and folders, or a broker, not both.
  const pactSources = (values.pact as string[] | undefined) ?? [];
  const brokerFlag = values["broker-url"] as string | undefined;
  if (pactSources.length > 0 && brokerFlag !== undefined) {
    return fail("--pact and --broker-url: give one source of pacts, not both");
  }
  if (pactSources.length === 0 && brokerFlag === undefined) {
    return fail("no pacts to verify: give --pact FILE_OR_DIR, or --broker-url URL");
  }
  const consumers = (values.consumer as string[] | undefined) ?? [];
  const selectorTexts = (values.selector as string[] | undefined) ?? [];
  let pactFiles: string[] | undefined;
  let broker: BrokerSource | undefined;
  if (brokerFlag === undefined) {
    if (consumers.length > 0 || selectorTexts.length > 0) {
      return fail("--consumer and --selector choose pacts from a broker: they need --broker-url");
    }
    const expanded = expandPacts(pactSources);
    if (typeof expanded === "string") return fail(expanded);
    pactFiles = expanded;
  } else {
    const url = httpUrl(brokerFlag);
    if (!url) return fail(`--broker-url ${JSON.stringify(brokerFlag)}: expected an http(s) URL`);
    const parsedSelectors: ConsumerVersionSelector[] = [];
    for (const text of selectorTexts) {
      const selector = parseSelector(text);
      if (typeof selector === "string") return fail(selector);
      parsedSelectors.push(selector);
    }
    const base = parsedSelectors.length > 0 ? parsedSelectors : DEFAULT_SELECTORS;
    // Each --consumer narrows every selector to that consumer.
    const selectors =
      consumers.length === 0
        ? base
        : consumers.flatMap((consumer) => base.map((s) => ({ ...s, consumer })));
    const token = env[BROKER_TOKEN_ENV];
    const username = env.PACT_BROKER_USERNAME;
    const password = env.PACT_BROKER_PASSWORD;
    const auth = token ? { token } : username && password ? { username, password } : undefined;
    broker = { url, selectors, auth };
  }

  // What the pacts are verified against.
  const baseUrl = values["provider-base-url"] as string | undefined;
  const statesUrl = values["provider-states-url"] as string | undefined;
  let target: Target;
  if (values.sandbox) {
    if (baseUrl !== undefined || statesUrl !== undefined) {
      return fail("--sandbox and --provider-base-url: give one provider, not both");
    }
    target = { kind: "sandbox" };
  } else {
    if (baseUrl === undefined && statesUrl === undefined) {
      return fail(
        "no provider: give --provider-base-url URL --provider-states-url URL, or --sandbox",
      );
    }
    if (baseUrl === undefined) return fail("--provider-states-url needs --provider-base-url");
    if (statesUrl === undefined) return fail("--provider-base-url needs --provider-states-url");
    const providerBaseUrl = httpUrl(baseUrl);
    if (!providerBaseUrl) {
      return fail(`--provider-base-url ${JSON.stringify(baseUrl)}: expected an http(s) URL`);
    }
    const providerStatesUrl = httpUrl(statesUrl);
    if (!providerStatesUrl) {
      return fail(`--provider-states-url ${JSON.stringify(statesUrl)}: expected an http(s) URL`);
    }
    const token = env[PROVIDER_TOKEN_ENV];
    if (!token) {
      return fail(
        `--provider-base-url needs a token of the provider's caller: set ${PROVIDER_TOKEN_ENV} in the environment`,
      );
    }
    target = { kind: "remote", providerBaseUrl, providerStatesUrl, token };
  }

  // Results go to the broker the pacts came from, for this provider version.
  const providerVersion = values["provider-version"] as string | undefined;
  const providerBranch = values["provider-branch"] as string | undefined;
  let publish: VerifyArgs["publish"];
  if (values.publish) {
    if (!broker) return fail("--publish sends results to the broker: it needs --broker-url");
    if (!providerVersion)
      return fail("--publish needs --provider-version (for example the commit)");
    if (!providerBranch) return fail("--publish needs --provider-branch (for example main)");
    publish = { providerVersion, providerBranch };
  } else if (providerVersion !== undefined || providerBranch !== undefined) {
    return fail("--provider-version and --provider-branch are for --publish; add --publish");
  }

  const junitFile = values.junit as string | undefined;
  const args: VerifyArgs = {
    provider: values.provider as string,
    target,
    logLevel,
  };
  if (pactFiles) args.pactFiles = pactFiles;
  if (broker) args.broker = broker;
  if (publish) args.publish = publish;
  if (junitFile !== undefined) args.junitFile = junitFile;
  return { ok: true, args };
}
