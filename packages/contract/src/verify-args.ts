// The verifier's command line, read without side effects so that every refusal can be tested
// in-process: what to verify, against what, or the one line that says what is wrong.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { PACT_FILE } from "./names";

export const USAGE = `usage: verify [--pact FILE] [--log-level LEVEL]
       [--provider-base-url URL --provider-states-url URL]   (token: USER_EXTRA_PROVIDER_TOKEN or --token)
  without --provider-base-url, the sandbox is started on a free port and verified`;

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface RemoteTarget {
  providerBaseUrl: string;
  providerStatesUrl: string;
  token: string;
}

export interface VerifyArgs {
  pactFile: string;
  logLevel: LogLevel;
  /** Absent: verify the sandbox, started for the run. */
  remote?: RemoteTarget;
}

export type Parsed = { ok: true; args: VerifyArgs } | { ok: false; message: string };

function httpUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return value.replace(/\/+$/, "");
  } catch {
    // Reported below.
  }
  return undefined;
}

/** Reads the arguments (without the leading `--` pnpm passes) and the environment. */
export function parseVerifyArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): Parsed {
  const fail = (message: string): Parsed => ({ ok: false, message });
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        pact: { type: "string", default: PACT_FILE },
        "provider-base-url": { type: "string" },
        "provider-states-url": { type: "string" },
        token: { type: "string" },
        "log-level": { type: "string", default: "warn" },
      },
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
  const pactFile = values.pact ?? PACT_FILE;
  if (!existsSync(pactFile))
    return fail(`--pact ${pactFile}: no such file; run \`pnpm contract\` first`);
  const logLevel = values["log-level"] as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    return fail(`--log-level ${JSON.stringify(logLevel)} must be one of ${LOG_LEVELS.join(", ")}`);
  }
  const baseUrl = values["provider-base-url"];
  const statesUrl = values["provider-states-url"];
  if (baseUrl === undefined && statesUrl === undefined)
    return { ok: true, args: { pactFile, logLevel } };
  if (baseUrl === undefined) return fail("--provider-states-url needs --provider-base-url");
  if (statesUrl === undefined) return fail("--provider-base-url needs --provider-states-url");
  const token = values.token ?? env.USER_EXTRA_PROVIDER_TOKEN;
  if (!token)
    return fail("--provider-base-url needs a token: set USER_EXTRA_PROVIDER_TOKEN (or --token)");
  const providerBaseUrl = httpUrl(baseUrl);
  if (!providerBaseUrl)
    return fail(`--provider-base-url ${JSON.stringify(baseUrl)} is not an http(s) URL`);
  const providerStatesUrl = httpUrl(statesUrl);
  if (!providerStatesUrl) {
    return fail(`--provider-states-url ${JSON.stringify(statesUrl)} is not an http(s) URL`);
  }
  return {
    ok: true,
    args: { pactFile, logLevel, remote: { providerBaseUrl, providerStatesUrl, token } },
  };
}
