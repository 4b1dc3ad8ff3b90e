// `pnpm profile:client [get|list|patch] [seconds]`: calls one operation of the client in a loop
// on the stubbed fetch under --cpu-prof, then prints where the time went (self and inclusive
// time per function). For finding the client's overhead over openapi-fetch, not for timing.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CpuProfile, summarize } from "./cpuprofile.js";
import { table } from "./format.js";
import { CONTENDERS, type Contender, contenders, OPERATIONS, type Operation } from "./overhead.js";
import { runWorker, serveWorker } from "./processes.js";

const PROFILE_DIR = fileURLToPath(new URL("../results/profiles", import.meta.url));

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
  mkdirSync(PROFILE_DIR, { recursive: true });
  const before = new Set(readdirSync(PROFILE_DIR));
  const input: Input = {
    operation: op as Operation,
    contender: who as Contender,
    seconds: Number(seconds),
  };
  const calls = await runWorker<number>("./profile-client.ts", input, [
    "--cpu-prof",
    `--cpu-prof-dir=${PROFILE_DIR}`,
  ]);
  const file = readdirSync(PROFILE_DIR).find((f) => f.endsWith(".cpuprofile") && !before.has(f));
  if (!file) throw new Error(`no new .cpuprofile in ${PROFILE_DIR}`);
  const { self, total } = summarize(
    JSON.parse(readFileSync(join(PROFILE_DIR, file), "utf8")) as CpuProfile,
  );
  console.log(`${who} ${op}: ${calls} calls in ${seconds} s; profile ${join(PROFILE_DIR, file)}\n`);
  console.log("Self time:\n");
  console.log(
    table(
      ["function", "self %", "incl. %"],
      self.map((f) => [f.name, f.selfPercent.toFixed(1), f.totalPercent.toFixed(1)]),
    ),
  );
  console.log("\nInclusive time:\n");
  console.log(
    table(
      ["function", "incl. %", "self %"],
      total.map((f) => [f.name, f.totalPercent.toFixed(1), f.selfPercent.toFixed(1)]),
    ),
  );
}
