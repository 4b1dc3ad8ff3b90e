#!/usr/bin/env node
/**
 * user-extra-verify: verifies pacts (files, folders or a Pact Broker) against a provider of the
 * User Extra API, or against a sandbox it starts. The tokens come from the environment only.
 * Exit codes: 0 verified, 1 an interaction failed, 2 bad usage or unreachable provider.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseVerifyArgs, USAGE } from "../verifier/args.js";
import { EXIT, type ResolvedTarget, runVerification } from "../verifier/run.js";

const argv = process.argv.slice(2);
const parsed = parseVerifyArgs(argv[0] === "--" ? argv.slice(1) : argv);
if (parsed.ok === "help") {
  console.log(USAGE);
  process.exit(EXIT.verified);
}
if (!parsed.ok) {
  console.error(`user-extra-verify: ${parsed.message}\n${USAGE}`);
  process.exit(EXIT.usage);
}
const args = parsed.args;

let target: ResolvedTarget;
let stop = async () => {};
if (args.target.kind === "remote") {
  target = { ...args.target, name: args.target.providerBaseUrl };
} else {
  let sandboxModule: typeof import("@user-extra/sandbox");
  try {
    sandboxModule = await import("@user-extra/sandbox");
  } catch {
    console.error(
      "user-extra-verify: --sandbox needs @user-extra/sandbox installed beside it (npm install --save-dev @user-extra/sandbox)",
    );
    process.exit(EXIT.usage);
  }
  const sandbox = await sandboxModule.startSandbox({ port: 0, providerStates: true, quiet: true });
  stop = () => sandbox.close();
  if (!sandbox.providerStatesUrl) {
    await stop();
    console.error("user-extra-verify: the sandbox started without its provider-state endpoint");
    process.exit(EXIT.usage);
  }
  target = {
    providerBaseUrl: sandbox.origin,
    providerStatesUrl: sandbox.providerStatesUrl,
    token: sandbox.demoToken,
    name: `the sandbox at ${sandbox.origin}`,
  };
}

const source = args.pactFiles ? args.pactFiles.join(", ") : `the broker at ${args.broker?.url}`;
console.log(`user-extra-verify: verifying ${source} against ${target.name}`);
const outcome = await runVerification(args, target);
await stop();
if (args.junitFile) {
  mkdirSync(dirname(args.junitFile), { recursive: true });
  writeFileSync(args.junitFile, outcome.junit);
}
const write = outcome.exitCode === EXIT.verified ? console.log : console.error;
write(`user-extra-verify: ${outcome.message}`);
process.exit(outcome.exitCode);
