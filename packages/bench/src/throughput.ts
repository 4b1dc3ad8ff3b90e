// Benchmark 4: requests/s and latency of the sandbox (child process, seeded, file database)
// next to Prism's mock of the same spec, both on loopback, measured by autocannon in one run.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { type PrismChild, type SandboxChild, startPrism, startSandboxChild } from "./processes.js";
import { ratio } from "./stats.js";

export const SPEC = fileURLToPath(new URL("../../../openapi/user-extra.yaml", import.meta.url));
const PRISM_BIN = fileURLToPath(new URL("../node_modules/.bin/prism", import.meta.url));

/** The target: the sandbox serves at least 5x Prism's requests/s. */
export const THROUGHPUT_TARGET = 5;

export interface ThroughputOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
  /** Records seeded into the sandbox's file database (three organizations, evenly). */
  seed: number;
  log?: (line: string) => void;
}

export const QUICK_THROUGHPUT: ThroughputOptions = {
  connections: 10,
  durationSec: 2,
  warmupSec: 1,
  seed: 3_000,
};
export const FULL_THROUGHPUT: ThroughputOptions = {
  connections: 10,
  durationSec: 10,
  warmupSec: 2,
  seed: 3_000,
};

/** A record, a page of 25, and a page of 2 (the size of Prism's example page: same payload). */
export const ENDPOINTS = ["get", "list", "list2"] as const;
export type Endpoint = (typeof ENDPOINTS)[number];
export type Server = "sandbox" | "prism";

export interface LoadResult {
  server: Server;
  endpoint: Endpoint;
  path: string;
  requestsPerSec: number;
  /** Size of one response body, and what was served per second (bodies and headers). */
  responseBytes: number;
  bytesPerSec: number;
  latencyMeanMs: number;
  /** autocannon's histograms have 1 ms resolution. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface ThroughputResult {
  connections: number;
  durationSec: number;
  seed: number;
  sandboxStartMs: number;
  prismStartMs: number;
  runs: LoadResult[];
  ratios: { endpoint: Endpoint; sandboxToPrism: number | null; meetsTarget: boolean | null }[];
  target: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** One request first: a benchmark of 401s or 404s would measure nothing useful. Returns its size. */
async function checkEndpoint(
  url: string,
  headers: Record<string, string>,
  endpoint: Endpoint,
): Promise<number> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  const body = JSON.parse(text) as { id?: unknown; results?: unknown[] };
  const shaped = endpoint === "get" ? typeof body.id === "number" : Array.isArray(body.results);
  if (res.status !== 200 || !shaped) {
    throw new Error(
      `GET ${url} answered ${res.status} without the expected ${endpoint === "get" ? "record" : "page"}`,
    );
  }
  return Buffer.byteLength(text);
}

async function load(
  server: Server,
  endpoint: Endpoint,
  base: string,
  path: string,
  token: string,
  o: ThroughputOptions,
): Promise<LoadResult> {
  const headers = { authorization: `Bearer ${token}` };
  const responseBytes = await checkEndpoint(`${base}${path}`, headers, endpoint);
  const r = await autocannon({
    url: `${base}${path}`,
    connections: o.connections,
    duration: o.durationSec,
    headers,
    warmup: { connections: o.connections, duration: o.warmupSec },
  });
  return {
    server,
    endpoint,
    path,
    requestsPerSec: r.requests.average,
    responseBytes,
    bytesPerSec: r.throughput.average,
    latencyMeanMs: r.latency.average,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

export async function runThroughput(o: ThroughputOptions): Promise<ThroughputResult> {
  const log = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), "user-extra-bench-"));
  let sandbox: SandboxChild | undefined;
  let prism: PrismChild | undefined;
  try {
    [sandbox, prism] = await Promise.all([
      startSandboxChild({ database: join(dir, "sandbox.db"), seed: o.seed }),
      freePort().then((port) => startPrism(PRISM_BIN, SPEC, port)),
    ]);
    log(
      `  throughput: sandbox ready in ${(sandbox.startMs / 1000).toFixed(1)} s, Prism in ${(prism.startMs / 1000).toFixed(1)} s`,
    );
    // A record of the caller's organization (the seed puts profile 0 in organization 1).
    const first = (await (
      await fetch(`${sandbox.url}/user_extra/?limit=1`, {
        headers: { authorization: `Bearer ${sandbox.demoToken}` },
      })
    ).json()) as { results: { id: number }[] };
    const id = first.results[0]?.id;
    if (id === undefined) throw new Error("the seeded sandbox listed no record for the demo token");
    const paths: Record<Endpoint, string> = {
      get: `/user_extra/${id}/`,
      list: "/user_extra/?limit=25",
      list2: "/user_extra/?limit=2",
    };
    // Prism validates that a Bearer token is present, not which.
    const targets: { server: Server; base: string; token: string }[] = [
      { server: "sandbox", base: sandbox.url, token: sandbox.demoToken },
      { server: "prism", base: prism.url, token: "bench-token" },
    ];
    const runs: LoadResult[] = [];
    for (const endpoint of ENDPOINTS) {
      for (const t of targets) {
        runs.push(await load(t.server, endpoint, t.base, paths[endpoint], t.token, o));
        log(`  throughput: ${t.server} ${endpoint} done`);
      }
    }
    const ratios = ENDPOINTS.map((endpoint) => {
      const rps = (s: Server) =>
        runs.find((r) => r.server === s && r.endpoint === endpoint)?.requestsPerSec ?? 0;
      const r = ratio(rps("sandbox"), rps("prism"));
      return {
        endpoint,
        sandboxToPrism: r,
        meetsTarget: r === null ? null : r >= THROUGHPUT_TARGET,
      };
    });
    return {
      connections: o.connections,
      durationSec: o.durationSec,
      seed: o.seed,
      sandboxStartMs: sandbox.startMs,
      prismStartMs: prism.startMs,
      runs,
      ratios,
      target: THROUGHPUT_TARGET,
    };
  } finally {
    await Promise.all([sandbox?.stop(), prism?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
