// `pnpm profile:client [get|list|patch] [seconds]`: calls one operation of the client in a loop
// on the stubbed fetch under --cpu-prof, then prints where the time went (self and inclusive
// time per function). For finding the client's overhead over openapi-fetch, not for timing.
import { CONTENDERS, type Contender, contenders, OPERATIONS, type Operation } from "./overhead.js";
import { runWorker, serveWorker } from "./processes.js";
import { PROFILE_DIR, printNewProfile, profilesBefore } from "./profile-report.js";

interface Input {
  operation: Operation;
  contender: Contender;
  seconds: number;
}

async function loop(input: Input): Promise<number> {
  const call = contenders(input.operation).calls[input.contender];
  const end = performance.now() + input.seconds * 1000;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) await call();
    n += 100;
  }
  return n;
}

if (process.send) {
  serveWorker(loop);
} else {
  const [op = "get", seconds = "5", who = "@user-extra/client"] = process.argv.slice(2);
  if (!(OPERATIONS as readonly string[]).includes(op)) {
    throw new Error(`Invalid operation "${op}": expected one of ${OPERATIONS.join(", ")}`);
  }
  if (!(CONTENDERS as readonly string[]).includes(who)) {
    throw new Error(`Invalid contender "${who}": expected one of ${CONTENDERS.join(", ")}`);
  }
  const before = profilesBefore();
  const input: Input = {
    operation: op as Operation,
    contender: who as Contender,
    seconds: Number(seconds),
  };
  const calls = await runWorker<number>("./profile-client.ts", input, [
    "--cpu-prof",
    `--cpu-prof-dir=${PROFILE_DIR}`,
  ]);
  printNewProfile(before, `${who} ${op}: ${calls} calls in ${seconds} s`);
}
