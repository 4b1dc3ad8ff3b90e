// Child process: a seeded sandbox on loopback. Reports its URL over IPC once listening and
// closes (database included) on SIGTERM or when the parent goes away.
import { startSandbox } from "@user-extra/sandbox";
import type { SandboxChildOptions, SandboxReady } from "./processes.js";

const options = JSON.parse(process.argv[2] ?? "{}") as SandboxChildOptions;
const t0 = performance.now();
const sandbox = await startSandbox({
  host: "127.0.0.1",
  port: 0,
  database: options.database,
  seed: options.seed,
  defaultLimit: options.defaultLimit,
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
