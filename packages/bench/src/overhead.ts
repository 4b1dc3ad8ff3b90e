// Benchmark 1: what a call costs on top of the transport. The same stubbed fetch (a fresh,
// already resolved Response; no network) serves four contenders: @user-extra/client, bare
// openapi-fetch with the same generated types, the client @hey-api/openapi-ts generates from
// the same spec (src/generated/hey-api, written by `generate`), and fetch + JSON.parse.
import { isDeepStrictEqual } from "node:util";
import { createUserExtraClient } from "@user-extra/client";
import type { paths } from "@user-extra/types";
import createClient from "openapi-fetch";
import { Bench } from "tinybench";
import type { FixtureServerReady } from "./fixture-server.js";
import {
  BASE_URL,
  PAGE_JSON,
  PAGE_LIMIT,
  PATCH_BODY,
  PATCHED_JSON,
  RECORD_ID,
  RECORD_JSON,
  TOKEN,
} from "./fixtures.js";
import { createClient as createHeyApiClient } from "./generated/hey-api/client/index.js";
import {
  getUserExtra,
  listUserExtras,
  partialUpdateUserExtra,
} from "./generated/hey-api/sdk.gen.js";
import { startService } from "./processes.js";
import { median, pairedRatio } from "./stats.js";

export const OPERATIONS = ["get", "list", "patch"] as const;
export type Operation = (typeof OPERATIONS)[number];
export const CONTENDERS = [
  "@user-extra/client",
  "openapi-fetch",
  "hey-api",
  "fetch + JSON.parse",
] as const;
export type Contender = (typeof CONTENDERS)[number];

/** The targets: our client's time per call at most 1.15x bare openapi-fetch's, */
export const OVERHEAD_TARGET = 1.15;
/** and no more than the hey-api client's. */
export const HEY_API_TARGET = 1;

export interface ContenderResult {
  contender: Contender;
  /** Median over rounds of the mean CPU time per call (process.cpuUsage: user + system). */
  cpuNsPerCall: number;
  /** Median over rounds of the mean wall-clock time per call. */
  wallNsPerCall: number;
  /** Calls per second of wall-clock time: 1e9 / wallNsPerCall. */
  opsPerSec: number;
  /** Median relative margin of error of the rounds' CPU-time means, in percent. */
  rmePercent: number;
  perRoundCpuNs: number[];
  perRoundWallNs: number[];
  /** Median over rounds of this contender's CPU time per call over openapi-fetch's. */
  vsOpenapiFetch: number | null;
  /** The same on wall-clock time (noisier on a shared machine). */
  wallVsOpenapiFetch: number | null;
  /** The same against fetch + JSON.parse. */
  vsRawFetch: number | null;
}

export interface OperationResult {
  operation: Operation;
  description: string;
  contenders: ContenderResult[];
  /** Ours' `vsOpenapiFetch`: the target's measure (every contender's ratios are in `contenders`). */
  ratioToOpenapiFetch: number | null;
  meetsTarget: boolean | null;
  /** Median over rounds of (ours / hey-api) CPU time per call. */
  ratioToHeyApi: number | null;
  meetsHeyApiTarget: boolean | null;
}

export type Transport = "stub" | "loopback";

export interface OverheadResult {
  transport: Transport;
  rounds: number;
  callsPerSample: number;
  timePerTaskMs: number;
  target: number;
  heyApiTarget: number;
  operations: OperationResult[];
}

export interface OverheadOptions {
  rounds: number;
  /** CPU-time budget per task and round, in ms. */
  timeMs: number;
  warmupMs: number;
  /** Calls per timed sample: amortizes the clock reads and tinybench's own await. */
  batch: number;
  log?: (line: string) => void;
}

export const QUICK_OVERHEAD: OverheadOptions = { rounds: 1, timeMs: 150, warmupMs: 50, batch: 20 };
export const FULL_OVERHEAD: OverheadOptions = { rounds: 5, timeMs: 1000, warmupMs: 300, batch: 50 };
export const QUICK_LOOPBACK: OverheadOptions = { rounds: 1, timeMs: 150, warmupMs: 50, batch: 5 };
export const FULL_LOOPBACK: OverheadOptions = { rounds: 3, timeMs: 1000, warmupMs: 300, batch: 10 };

const DESCRIPTIONS: Record<Operation, string> = {
  get: `GET /user_extra/${RECORD_ID}/ (one record)`,
  list: `GET /user_extra/?limit=${PAGE_LIMIT} (a page of ${PAGE_LIMIT})`,
  patch: `PATCH /user_extra/${RECORD_ID}/ (3 fields)`,
};

const JSON_HEADERS = { "content-type": "application/json" };

/** The stub every contender calls: a fresh Response over the same bytes, already resolved. */
export function stubFetch(body: string) {
  return (_input: Request | string, _init?: RequestInit): Promise<Response> =>
    Promise.resolve(new Response(body, { status: 200, headers: JSON_HEADERS }));
}

type Call = () => Promise<unknown>;

/**
 * One call of `operation` per contender. With no `baseUrl`, each contender gets its own stub
 * returning the operation's body; with one (the loopback server), all use the real fetch.
 */
export function contenders(
  operation: Operation,
  baseUrl?: string,
): { calls: Record<Contender, Call>; expected: unknown } {
  const body = operation === "get" ? RECORD_JSON : operation === "list" ? PAGE_JSON : PATCHED_JSON;
  const base = baseUrl ?? BASE_URL;
  const transport = () =>
    baseUrl ? (r: Request, init?: RequestInit) => globalThis.fetch(r, init) : stubFetch(body);
  const ours = createUserExtraClient({ baseUrl: base, token: TOKEN, fetch: transport() });
  const bare = createClient<paths>({
    baseUrl: base,
    fetch: transport(),
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  // hey-api as its README uses it: SDK functions over a configured client; the token goes
  // through its `auth` (the spec's bearer scheme).
  const heyFetch = transport();
  const hey = createHeyApiClient({
    baseUrl: base,
    // It calls fetch with the Request it built, as the other two.
    fetch: (input, init) => heyFetch(input as Request, init),
    auth: TOKEN,
  });
  const fetchRaw: (url: string, init?: RequestInit) => Promise<Response> = baseUrl
    ? (url, init) => globalThis.fetch(url, init)
    : stubFetch(body);
  const auth = { authorization: `Bearer ${TOKEN}` };
  const json = async (res: Response) => {
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return JSON.parse(await res.text()) as unknown;
  };
  // openapi-fetch and hey-api as their READMEs use them: data or error.
  const unwrap = async <T>(p: Promise<{ data?: T; error?: unknown }>) => {
    const { data, error } = await p;
    if (error !== undefined) throw new Error("openapi-fetch returned an error");
    return data;
  };
  const id = RECORD_ID;
  const calls: Record<Operation, Record<Contender, Call>> = {
    get: {
      "@user-extra/client": () => ours.get(id),
      "openapi-fetch": () => unwrap(bare.GET("/user_extra/{id}/", { params: { path: { id } } })),
      "hey-api": () => unwrap(getUserExtra({ client: hey, path: { id } })),
      "fetch + JSON.parse": async () =>
        json(await fetchRaw(`${base}/user_extra/${id}/`, { headers: auth })),
    },
    list: {
      "@user-extra/client": () => ours.list({ limit: PAGE_LIMIT }),
      "openapi-fetch": () =>
        unwrap(bare.GET("/user_extra/", { params: { query: { limit: PAGE_LIMIT } } })),
      "hey-api": () => unwrap(listUserExtras({ client: hey, query: { limit: PAGE_LIMIT } })),
      "fetch + JSON.parse": async () =>
        json(await fetchRaw(`${base}/user_extra/?limit=${PAGE_LIMIT}`, { headers: auth })),
    },
    patch: {
      "@user-extra/client": () => ours.patch(id, PATCH_BODY),
      "openapi-fetch": () =>
        unwrap(bare.PATCH("/user_extra/{id}/", { params: { path: { id } }, body: PATCH_BODY })),
      "hey-api": () =>
        unwrap(partialUpdateUserExtra({ client: hey, path: { id }, body: PATCH_BODY })),
      "fetch + JSON.parse": async () =>
        json(
          await fetchRaw(`${base}/user_extra/${id}/`, {
            method: "PATCH",
            headers: { ...auth, "content-type": "application/json" },
            body: JSON.stringify(PATCH_BODY),
          }),
        ),
    },
  };
  return { calls: calls[operation], expected: JSON.parse(body) };
}

/** Fails loudly if a contender does not return the record or page (a benchmark of a bug). */
async function checkContenders(
  operation: Operation,
  calls: Record<Contender, Call>,
  expected: unknown,
) {
  for (const name of CONTENDERS) {
    const got = await calls[name]();
    if (!isDeepStrictEqual(got, expected)) {
      throw new Error(`${name} ${operation}: the result differs from the stubbed response body`);
    }
  }
}

const gc = (globalThis as { gc?: () => void }).gc;

/** CPU time of this process in ms: unlike wall time, it does not count time other processes took. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export async function runOverhead(
  transport: Transport,
  o: OverheadOptions,
): Promise<OverheadResult> {
  const log = o.log ?? (() => {});
  const server =
    transport === "loopback"
      ? await startService<FixtureServerReady>("./fixture-server.ts", null)
      : undefined;
  try {
    return await measure(transport, o, server?.baseUrl, log);
  } finally {
    await server?.stop();
  }
}

async function measure(
  transport: Transport,
  o: OverheadOptions,
  baseUrl: string | undefined,
  log: (line: string) => void,
): Promise<OverheadResult> {
  const perRound = new Map<string, { cpu: number[]; wall: number[]; rme: number[] }>();
  const key = (op: Operation, c: Contender) => `${op}\0${c}`;

  for (let round = 0; round < o.rounds; round++) {
    for (const operation of OPERATIONS) {
      const { calls, expected } = contenders(operation, baseUrl);
      await checkContenders(operation, calls, expected);
      const bench = new Bench({
        now: cpuNow,
        time: o.timeMs,
        warmupTime: o.warmupMs,
        iterations: 16,
        warmupIterations: 8,
        throws: true,
        // Every task starts from a collected heap, so one task's garbage is not another's pause.
        setup: () => gc?.(),
      });
      // Rotate the order each round: no contender always runs first (or last, on a hot heap).
      const order = CONTENDERS.map(
        (_, i) => CONTENDERS[(i + round) % CONTENDERS.length] as Contender,
      );
      const wall = new Map<Contender, { ms: number; samples: number }>();
      for (const name of order) {
        const call = calls[name];
        const w = { ms: 0, samples: 0 };
        wall.set(name, w);
        bench.add(
          name,
          async () => {
            const t0 = performance.now();
            for (let i = 0; i < o.batch; i++) await call();
            w.ms += performance.now() - t0;
            w.samples++;
          },
          {
            async: true,
            beforeAll: () => {
              w.ms = 0; // the warmup phase's calls do not count
              w.samples = 0;
            },
          },
        );
      }
      await bench.run();
      for (const task of bench.tasks) {
        const r = task.result;
        if (!("latency" in r))
          throw new Error(`${operation} ${task.name}: tinybench state ${r.state}`);
        const name = task.name as Contender;
        const w = wall.get(name) ?? { ms: Number.NaN, samples: 1 };
        const entry = perRound.get(key(operation, name)) ?? { cpu: [], wall: [], rme: [] };
        entry.cpu.push((r.latency.mean * 1e6) / o.batch);
        entry.wall.push((w.ms * 1e6) / (w.samples * o.batch));
        entry.rme.push(r.latency.rme);
        perRound.set(key(operation, name), entry);
      }
    }
    log(`  overhead (${transport}): round ${round + 1}/${o.rounds} done`);
  }

  const operations = OPERATIONS.map((operation): OperationResult => {
    const series = (c: Contender) =>
      perRound.get(key(operation, c)) ?? { cpu: [], wall: [], rme: [] };
    const bare = series("openapi-fetch");
    const raw = series("fetch + JSON.parse");
    const results = CONTENDERS.map((contender): ContenderResult => {
      const { cpu, wall, rme } = series(contender);
      const wallNsPerCall = median(wall);
      return {
        contender,
        cpuNsPerCall: median(cpu),
        wallNsPerCall,
        opsPerSec: 1e9 / wallNsPerCall,
        rmePercent: median(rme),
        perRoundCpuNs: cpu,
        perRoundWallNs: wall,
        vsOpenapiFetch: pairedRatio(cpu, bare.cpu),
        wallVsOpenapiFetch: pairedRatio(wall, bare.wall),
        vsRawFetch: pairedRatio(cpu, raw.cpu),
      };
    });
    const [ours, , hey] = results as [ContenderResult, ContenderResult, ContenderResult];
    const ratioToOpenapiFetch = ours.vsOpenapiFetch;
    const ratioToHeyApi = pairedRatio(ours.perRoundCpuNs, hey.perRoundCpuNs);
    return {
      operation,
      description: DESCRIPTIONS[operation],
      contenders: results,
      ratioToOpenapiFetch,
      meetsTarget: ratioToOpenapiFetch === null ? null : ratioToOpenapiFetch <= OVERHEAD_TARGET,
      ratioToHeyApi,
      meetsHeyApiTarget: ratioToHeyApi === null ? null : ratioToHeyApi <= HEY_API_TARGET,
    };
  });
  return {
    transport,
    rounds: o.rounds,
    callsPerSample: o.batch,
    timePerTaskMs: o.timeMs,
    target: OVERHEAD_TARGET,
    heyApiTarget: HEY_API_TARGET,
    operations,
  };
}
