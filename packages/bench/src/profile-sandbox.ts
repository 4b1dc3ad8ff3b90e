// `pnpm profile:sandbox [get|list] [seconds]`: loads the sandbox (child process, file database,
// seeded as in the throughput benchmark) with autocannon while it runs under --cpu-prof, then
// prints where its time went. For finding what limits its requests/s, not for timing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startSandboxChild } from "./processes.js";
import { PROFILE_DIR, printNewProfile, profilesBefore } from "./profile-report.js";
import { FULL_THROUGHPUT } from "./throughput.js";

const [endpoint = "list", seconds = "5"] = process.argv.slice(2);
if (endpoint !== "get" && endpoint !== "list") {
  throw new Error(`Invalid endpoint "${endpoint}": expected get or list`);
}
const before = profilesBefore();
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
printNewProfile(before, `GET ${endpoint}`, 30);
