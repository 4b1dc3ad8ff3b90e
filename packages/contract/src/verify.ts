/**
 * `pnpm verify`: provider verification of the pact written by `pnpm contract`.
 *
 * Without flags it starts the sandbox (@user-extra/sandbox) on a free port with its
 * provider-state endpoint enabled, verifies the pact against it and stops it. A provider team
 * points it at its own deployment instead, with the token in the environment (a flag would
 * show in the process list):
 *
 *   USER_EXTRA_PROVIDER_TOKEN=... pnpm verify --provider-base-url https://staging.example.com \
 *     --provider-states-url https://staging.example.com/_pact/provider-states
 *
 * Exits 1 on any mismatch or bad usage.
 */
import { cliArgs } from "./names";
import { summarizeFailure, verifyPact } from "./verification";
import { parseVerifyArgs, type RemoteTarget, USAGE } from "./verify-args";

const parsed = parseVerifyArgs(cliArgs());
if (!parsed.ok) {
  console.error(`verify: ${parsed.message}\n${USAGE}`);
  process.exit(1);
}
const { pactFile, logLevel, remote } = parsed.args;

let target: RemoteTarget & { name: string };
let stop = async () => {};
if (remote) {
  target = { ...remote, name: remote.providerBaseUrl };
} else {
  // Imported here so that verifying a remote provider does not need the sandbox built.
  const { startSandbox } = await import("@user-extra/sandbox");
  const sandbox = await startSandbox({ port: 0, providerStates: true, quiet: true });
  stop = () => sandbox.close();
  if (!sandbox.providerStatesUrl) {
    await stop();
    console.error("verify: the sandbox started without its provider-state endpoint");
    process.exit(1);
  }
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
