// `pnpm profile:sandbox [get|list] [seconds]`: loads the sandbox (child process, file database,
// seeded as in the throughput benchmark) with autocannon while it runs under --cpu-prof, then
// prints where its time went. For finding what limits its requests/s, not for timing.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { type CpuProfile, summarize } from "./cpuprofile.js";
import { table } from "./format.js";
import { startSandboxChild } from "./processes.js";
import { FULL_THROUGHPUT } from "./throughput.js";

const PROFILE_DIR = fileURLToPath(new URL("../results/profiles", import.meta.url));
const [endpoint = "list", seconds = "5"] = process.argv.slice(2);
if (endpoint !== "get" && endpoint !== "list") {
  throw new Error(`Invalid endpoint "${endpoint}": expected get or list`);
}
mkdirSync(PROFILE_DIR, { recursive: true });
const before = new Set(readdirSync(PROFILE_DIR));
const dir = mkdtempSync(join(tmpdir(), "user-extra-bench-"));
const sandbox = await startSandboxChild(
  { database: join(dir, "sandbox.db"), seed: FULL_THROUGHPUT.seed },
  ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`],
);
try {
  const path = endpoint === "get" ? "/user_extra/1/" : "/user_extra/?limit=25";
  const r = await autocannon({
    url: `${sandbox.url}${path}`,
    connections: FULL_THROUGHPUT.connections,
    duration: Number(seconds),
    headers: { authorization: `Bearer ${sandbox.demoToken}` },
  });
  console.log(
    `GET ${path}: ${Math.round(r.requests.average)} requests/s (under the profiler), non-2xx ${r.non2xx}`,
  );
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
const file = readdirSync(PROFILE_DIR).find((f) => f.endsWith(".cpuprofile") && !before.has(f));
if (!file) throw new Error(`no new .cpuprofile in ${PROFILE_DIR}`);
const { self, total } = summarize(
  JSON.parse(readFileSync(join(PROFILE_DIR, file), "utf8")) as CpuProfile,
  30,
);
console.log(`profile: ${join(PROFILE_DIR, file)}\n\nSelf time:\n`);
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
