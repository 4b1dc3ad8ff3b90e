// Benchmark 4: requests/s of the sandbox (child process, seeded, file database) against its
// ceiling (a bare node:http server answering the bytes the sandbox answered, precomputed) and
// Prism's mock of the same spec, all on loopback, measured by autocannon in one run: GET by id,
// a list page of 25, PATCH and POST. Contenders are interleaved, their order rotating per
// round; ratios are taken per round and their median reported.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { CapturedAnswer, CeilingInput, CeilingReady } from "./ceiling-server.js";
import { rotate } from "./export.js";
import { type PrismChild, type SandboxReady, startPrism, startService } from "./processes.js";
import type { SandboxChildInput } from "./sandbox-child.js";
import { median, pairedRatio } from "./stats.js";

export const SPEC = fileURLToPath(new URL("../../../openapi/user-extra.yaml", import.meta.url));
const PRISM_BIN = fileURLToPath(new URL("../node_modules/.bin/prism", import.meta.url));

export const ENDPOINTS = ["get", "list", "patch", "post"] as const;
export type Endpoint = (typeof ENDPOINTS)[number];
export const CONTENDERS = ["sandbox", "ceiling", "prism"] as const;
export type Contender = (typeof CONTENDERS)[number];

/** Issue #15's targets: the sandbox's requests/s as a share of the ceiling's. */
export const CEILING_TARGETS: Readonly<Record<Endpoint, number>> = {
  get: 0.5,
  list: 0.7,
  patch: 0.5,
  post: 0.3,
};

export interface ThroughputOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
  rounds: number;
  /** Records seeded into the sandbox's file database (three organizations, evenly). */
  seed: number;
  log?: (line: string) => void;
}

export const QUICK_THROUGHPUT: ThroughputOptions = {
  connections: 40,
  durationSec: 1,
  warmupSec: 0.5,
  rounds: 1,
  seed: 3_000,
};
export const FULL_THROUGHPUT: ThroughputOptions = {
  connections: 40,
  durationSec: 5,
  warmupSec: 1,
  rounds: 3,
  seed: 3_000,
};

/** One benchmarked request: PATCH sends one body; POST a fresh parent each time. */
export interface RequestSpec {
  endpoint: Endpoint;
  method: "GET" | "PATCH" | "POST";
  /** Relative to the API base (`/api/v1`). */
  path: string;
  status: number;
  body?: (parent: number) => string;
}

export const PATCH_BODY = { city: "Throughput City", accept_terms: true };

/** The four requests, for a record `id` of the caller's organization. */
export function requestSpecs(id: number): Record<Endpoint, RequestSpec> {
  return {
    get: { endpoint: "get", method: "GET", path: `/user_extra/${id}/`, status: 200 },
    list: { endpoint: "list", method: "GET", path: "/user_extra/?limit=25", status: 200 },
    patch: {
      endpoint: "patch",
      method: "PATCH",
      path: `/user_extra/${id}/`,
      status: 200,
      body: () => JSON.stringify(PATCH_BODY),
    },
    post: {
      endpoint: "post",
      method: "POST",
      path: "/user_extra/",
      status: 201,
      body: (parent) => JSON.stringify({ parent, city: "Throughput City", age: 41 }),
    },
  };
}

/**
 * Fresh parents for POST: accounts declared at the sandbox's start, enough for the whole run
 * at up to 25,000 POSTs/s (more than this machine's ceiling).
 */
export function postBudget(o: ThroughputOptions): number {
  return Math.ceil(o.rounds * (o.durationSec + o.warmupSec) * 25_000) + 10;
}

export interface LoadRun {
  contender: Contender;
  endpoint: Endpoint;
  round: number;
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  bytesPerSec: number;
  /** Answers other than the expected status, socket errors and timeouts. */
  failed: number;
}

export interface ContenderSummary {
  contender: Contender;
  endpoint: Endpoint;
  method: string;
  path: string;
  /** Size of the body the sandbox answers (the ceiling answers the same bytes). */
  responseBytes: number;
  requestsPerSec: number;
  minRequestsPerSec: number;
  maxRequestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  failed: number;
}

export interface EndpointRatio {
  endpoint: Endpoint;
  /** Median over rounds of sandbox / ceiling requests/s. */
  toCeiling: number | null;
  toPrism: number | null;
  target: number;
  meetsTarget: boolean | null;
}

export interface ThroughputResult {
  connections: number;
  durationSec: number;
  rounds: number;
  seed: number;
  sandboxStartMs: number;
  prismStartMs: number;
  runs: LoadRun[];
  summaries: ContenderSummary[];
  ratios: EndpointRatio[];
}

/** Medians and min–max over rounds per contender and endpoint, and the per-round ratios. */
export function summarize(
  runs: readonly LoadRun[],
  specs: Record<Endpoint, RequestSpec>,
  responseBytes: Record<Endpoint, number>,
): { summaries: ContenderSummary[]; ratios: EndpointRatio[] } {
  const of = (c: Contender, e: Endpoint) =>
    runs.filter((r) => r.contender === c && r.endpoint === e).sort((a, b) => a.round - b.round);
  const summaries: ContenderSummary[] = [];
  for (const endpoint of ENDPOINTS) {
    for (const contender of CONTENDERS) {
      const mine = of(contender, endpoint);
      if (mine.length === 0) continue;
      const rps = mine.map((r) => r.requestsPerSec);
      summaries.push({
        contender,
        endpoint,
        method: specs[endpoint].method,
        path: specs[endpoint].path,
        responseBytes: responseBytes[endpoint],
        requestsPerSec: median(rps),
        minRequestsPerSec: Math.min(...rps),
        maxRequestsPerSec: Math.max(...rps),
        latencyP50Ms: median(mine.map((r) => r.latencyP50Ms)),
        latencyP99Ms: median(mine.map((r) => r.latencyP99Ms)),
        failed: mine.reduce((n, r) => n + r.failed, 0),
      });
    }
  }
  const ratios = ENDPOINTS.map((endpoint) => {
    const rps = (c: Contender) => of(c, endpoint).map((r) => r.requestsPerSec);
    const paired = (other: Contender) =>
      rps(other).length === rps("sandbox").length ? pairedRatio(rps("sandbox"), rps(other)) : null;
    const toCeiling = paired("ceiling");
    const target = CEILING_TARGETS[endpoint];
    return {
      endpoint,
      toCeiling,
      toPrism: paired("prism"),
      target,
      meetsTarget: toCeiling === null ? null : toCeiling >= target,
    };
  });
  return { summaries, ratios };
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

/**
 * One request to the sandbox, checked (a benchmark of 401s or 409s would measure nothing
 * useful), captured for the ceiling server.
 */
async function capture(
  base: string,
  prefix: string,
  spec: RequestSpec,
  token: string,
  parent: number,
): Promise<CapturedAnswer> {
  const res = await fetch(`${base}${spec.path}`, {
    method: spec.method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(spec.body ? { "content-type": "application/json" } : {}),
    },
    body: spec.body?.(parent),
  });
  const body = await res.text();
  if (res.status !== spec.status) {
    throw new Error(`${spec.method} ${spec.path} answered ${res.status}, not ${spec.status}`);
  }
  const headers: Record<string, string> = {};
  for (const name of ["content-type", "location", "x-request-id"]) {
    const value = res.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { method: spec.method, url: `${prefix}${spec.path}`, status: res.status, headers, body };
}

async function load(
  base: string,
  spec: RequestSpec,
  token: string,
  o: ThroughputOptions,
  nextParent: () => number,
): Promise<Omit<LoadRun, "contender" | "round">> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (spec.body) headers["content-type"] = "application/json";
  const body = spec.body;
  const r = await autocannon({
    url: `${base}${spec.path}`,
    connections: o.connections,
    duration: o.durationSec,
    method: spec.method,
    headers,
    warmup: { connections: o.connections, duration: o.warmupSec },
    ...(body
      ? {
          requests: [
            {
              method: spec.method,
              setupRequest: (req: { body?: string }) => ({ ...req, body: body(nextParent()) }),
            },
          ],
        }
      : {}),
  });
  return {
    endpoint: spec.endpoint,
    requestsPerSec: r.requests.average,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    bytesPerSec: r.throughput.average,
    failed: r.non2xx + r.errors + r.timeouts,
  };
}

export async function runThroughput(o: ThroughputOptions): Promise<ThroughputResult> {
  const log = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), "user-extra-bench-"));
  const stops: (() => Promise<void>)[] = [];
  try {
    // Fresh parents for POST: in organization 1 (the demo token's), clear of the seed's ids.
    const range = { from: 10_000_000, count: postBudget(o), organizationId: 1 };
    const input: SandboxChildInput = {
      database: join(dir, "sandbox.db"),
      seed: o.seed,
      accountRange: range,
    };
    const [sandbox, prism]: [SandboxReady & { stop(): Promise<void> }, PrismChild] =
      await Promise.all([
        startService<SandboxReady>("./sandbox-child.ts", input),
        freePort().then((port) => startPrism(PRISM_BIN, SPEC, port)),
      ]);
    stops.push(sandbox.stop, prism.stop);
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
    const specs = requestSpecs(id);
    let parent = range.from;
    // Never throws: it runs inside autocannon's request builder, where a throw kills the process
    // before the services are stopped. The run that used up the budget is refused after it.
    let exhausted = false;
    const freshParent = () => {
      if (parent < range.from + range.count) return parent++;
      exhausted = true;
      return parent - 1;
    };
    const prefix = new URL(sandbox.url).pathname;
    const answers: CapturedAnswer[] = [];
    for (const e of ENDPOINTS) {
      answers.push(await capture(sandbox.url, prefix, specs[e], sandbox.demoToken, freshParent()));
    }
    const responseBytes = Object.fromEntries(
      ENDPOINTS.map((e, i) => [e, Buffer.byteLength(answers[i]?.body ?? "")]),
    ) as Record<Endpoint, number>;
    const ceilingInput: CeilingInput = { answers };
    const ceiling = await startService<CeilingReady>("./ceiling-server.ts", ceilingInput);
    stops.push(ceiling.stop);

    // Prism validates that a Bearer token is present, not which.
    const targets: Record<Contender, { base: string; token: string; parent: () => number }> = {
      sandbox: { base: sandbox.url, token: sandbox.demoToken, parent: freshParent },
      ceiling: { base: `${ceiling.origin}${prefix}`, token: sandbox.demoToken, parent: () => 1 },
      prism: { base: prism.url, token: "bench-token", parent: () => range.from },
    };
    const runs: LoadRun[] = [];
    for (let round = 0; round < o.rounds; round++) {
      for (const endpoint of ENDPOINTS) {
        for (const contender of rotate(CONTENDERS, round)) {
          const t = targets[contender];
          const before = parent;
          const run = await load(t.base, specs[endpoint], t.token, o, t.parent);
          if (exhausted) {
            throw new Error(
              `POST benchmark: the ${range.count} accounts declared for fresh parents ran out in round ${round + 1} (${contender}): raise postBudget`,
            );
          }
          runs.push({ ...run, contender, round });
          const used = parent > before ? `, ${parent - before} fresh parents` : "";
          log(
            `  throughput: round ${round + 1}/${o.rounds} ${endpoint} ${contender} ${Math.round(run.requestsPerSec)} req/s${used}`,
          );
        }
      }
    }
    return {
      connections: o.connections,
      durationSec: o.durationSec,
      rounds: o.rounds,
      seed: o.seed,
      sandboxStartMs: sandbox.startMs,
      prismStartMs: prism.startMs,
      runs,
      ...summarize(runs, specs, responseBytes),
    };
  } finally {
    await Promise.all(stops.map((stop) => stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}
