// `pnpm profile:sandbox [get|list|patch|post] [seconds]`: loads the sandbox (child process, file
// database, seeded as in the throughput benchmark) with autocannon while it runs under
// --cpu-prof, then prints where its time went. For finding what limits its requests/s, not for
// timing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { type SandboxReady, startService } from "./processes.js";
import { PROFILE_DIR, printNewProfile, profilesBefore } from "./profile-report.js";
import type { SandboxChildInput } from "./sandbox-child.js";
import { ENDPOINTS, type Endpoint, FULL_THROUGHPUT, requestSpecs } from "./throughput.js";

const [endpoint = "list", seconds = "5"] = process.argv.slice(2);
if (!(ENDPOINTS as readonly string[]).includes(endpoint)) {
  throw new Error(`Invalid endpoint "${endpoint}": expected one of ${ENDPOINTS.join(", ")}`);
}
const before = profilesBefore();
const dir = mkdtempSync(join(tmpdir(), "user-extra-bench-"));
const range = { from: 10_000_000, count: 40_000 * Number(seconds), organizationId: 1 };
const input: SandboxChildInput = {
  database: join(dir, "sandbox.db"),
  seed: FULL_THROUGHPUT.seed,
  accountRange: endpoint === "post" ? range : undefined,
};
const sandbox = await startService<SandboxReady>("./sandbox-child.ts", input, [
  "--cpu-prof",
  `--cpu-prof-dir=${PROFILE_DIR}`,
]);
try {
  // The seed puts record 1 in organization 1, the demo token's.
  const spec = requestSpecs(1)[endpoint as Endpoint];
  let parent = range.from;
  const body = spec.body;
  const r = await autocannon({
    url: `${sandbox.url}${spec.path}`,
    connections: FULL_THROUGHPUT.connections,
    duration: Number(seconds),
    method: spec.method,
    headers: {
      authorization: `Bearer ${sandbox.demoToken}`,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    ...(body
      ? {
          requests: [
            {
              method: spec.method,
              setupRequest: (req: { body?: string }) => ({ ...req, body: body(parent++) }),
            },
          ],
        }
      : {}),
  });
  console.log(
    `${spec.method} ${spec.path}: ${Math.round(r.requests.average)} requests/s (under the profiler), non-2xx ${r.non2xx}`,
  );
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
printNewProfile(before, `${endpoint}`, 30);
