/**
 * `pnpm verify`: provider verification of the pact written by `pnpm contract`.
 *
 * Without flags it starts the sandbox (@user-extra/sandbox) on a free port with its
 * provider-state endpoint enabled, verifies the pact against it and stops it. A provider team
 * points it at its own deployment instead:
 *
 *   pnpm verify --provider-base-url https://staging.example.com \
 *     --provider-states-url https://staging.example.com/_pact/provider-states --token <token>
 *
 * The token may come from USER_EXTRA_PROVIDER_TOKEN instead of --token (a flag shows in the
 * process list). Exits 1 on any mismatch.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { cliArgs, PACT_FILE } from "./names";
import { summarizeFailure, verifyPact } from "./verification";

const USAGE = `usage: tsx src/verify.ts [--pact FILE]
       [--provider-base-url URL --provider-states-url URL --token TOKEN]
  without --provider-base-url, the sandbox is started on a free port and verified`;

function fail(message: string): never {
  console.error(`verify: ${message}\n${USAGE}`);
  process.exit(1);
}

function parse() {
  try {
    return parseArgs({
      args: cliArgs(),
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
}

function checkUrl(flag: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
    return value.replace(/\/+$/, "");
  } catch {
    return fail(`--${flag} ${JSON.stringify(value)} is not an http(s) URL`);
  }
}

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error"] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

const values = parse();
const pactFile = values.pact;
if (!existsSync(pactFile)) fail(`--pact ${pactFile}: no such file; run \`pnpm contract\` first`);
const logLevel = values["log-level"] as LogLevel;
if (!LOG_LEVELS.includes(logLevel)) fail(`--log-level must be one of ${LOG_LEVELS.join(", ")}`);

const baseUrl = values["provider-base-url"];
const statesUrl = values["provider-states-url"];
const token = values.token ?? process.env.USER_EXTRA_PROVIDER_TOKEN;

let target: { providerBaseUrl: string; providerStatesUrl: string; token: string; name: string };
let stop = async () => {};

if (baseUrl !== undefined || statesUrl !== undefined) {
  if (baseUrl === undefined) fail("--provider-states-url needs --provider-base-url");
  if (statesUrl === undefined) fail("--provider-base-url needs --provider-states-url");
  if (!token) fail("--provider-base-url needs --token (or USER_EXTRA_PROVIDER_TOKEN)");
  target = {
    providerBaseUrl: checkUrl("provider-base-url", baseUrl),
    providerStatesUrl: checkUrl("provider-states-url", statesUrl),
    token,
    name: baseUrl,
  };
} else {
  // Imported here so that verifying a remote provider does not need the sandbox built.
  const { startSandbox } = await import("@user-extra/sandbox");
  const sandbox = await startSandbox({ port: 0, providerStates: true, quiet: true });
  stop = () => sandbox.close();
  if (!sandbox.providerStatesUrl) fail("the sandbox started without its provider-state endpoint");
  target = {
    providerBaseUrl: sandbox.origin,
    providerStatesUrl: sandbox.providerStatesUrl,
    token: sandbox.demoToken,
    name: `the sandbox at ${sandbox.origin}`,
  };
}

console.log(`verify: verifying ${pactFile} against ${target.name}`);
let ok = false;
try {
  await verifyPact({ pactFile, logLevel, ...target });
  ok = true;
  console.log(`verify: ok, ${target.name} honours every interaction of the pact`);
} catch (error) {
  console.error(`verify: FAILED against ${target.name}\n${summarizeFailure(error)}`);
} finally {
  await stop();
}
process.exit(ok ? 0 : 1);
