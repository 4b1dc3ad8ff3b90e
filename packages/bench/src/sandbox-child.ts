// Child process: a seeded sandbox on loopback. Reports its URL over IPC once listening and
// closes (database included) on SIGTERM or when the parent goes away.
import { startSandbox } from "@user-extra/sandbox";
import type { SandboxChildOptions, SandboxReady } from "./processes.js";

export interface SandboxChildInput extends SandboxChildOptions {
  /**
   * Accounts without a record, declared at start: `count` ids from `from`, in `organizationId`.
   * A POST benchmark names a fresh one per request (a second POST for a parent is a 409).
   */
  accountRange?: { from: number; count: number; organizationId: number };
}

/** The `accounts` option declaring a range of account ids in one organization. */
function rangeAccounts(range: SandboxChildInput["accountRange"]): Record<string, number> {
  const accounts: Record<string, number> = {};
  if (!range) return accounts;
  for (let i = 0; i < range.count; i++) accounts[range.from + i] = range.organizationId;
  return accounts;
}

const options = JSON.parse(process.argv[2] ?? "{}") as SandboxChildInput;
const t0 = performance.now();
const sandbox = await startSandbox({
  host: "127.0.0.1",
  port: 0,
  database: options.database,
  seed: options.seed,
  defaultLimit: options.defaultLimit,
  accounts: rangeAccounts(options.accountRange),
  quiet: true,
});
const ready: SandboxReady = {
  type: "ready",
  url: sandbox.url,
  origin: sandbox.origin,
  demoToken: sandbox.demoToken,
  seeded: sandbox.seeded,
  startMs: performance.now() - t0,
};
process.send?.(ready);

let closing = false;
const close = () => {
  if (closing) return;
  closing = true;
  sandbox.close().finally(() => process.exit(0));
};
process.on("SIGTERM", close);
process.on("disconnect", close);
