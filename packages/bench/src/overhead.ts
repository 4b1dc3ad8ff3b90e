// Benchmark 1: what a call costs on top of the transport. The same stubbed fetch (a fresh,
// already resolved Response; no network) serves three contenders: @user-extra/client, bare
// openapi-fetch with the same generated types, and fetch + JSON.parse written by hand.
import { isDeepStrictEqual } from "node:util";
import { createUserExtraClient } from "@user-extra/client";
import type { paths } from "@user-extra/types";
import createClient from "openapi-fetch";
import { Bench } from "tinybench";
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
import { median, pairedRatio } from "./stats.js";

export const OPERATIONS = ["get", "list", "patch"] as const;
export type Operation = (typeof OPERATIONS)[number];
export const CONTENDERS = ["@user-extra/client", "openapi-fetch", "fetch + JSON.parse"] as const;
export type Contender = (typeof CONTENDERS)[number];

/** The target: our client's time per call at most 1.15x bare openapi-fetch's. */
export const OVERHEAD_TARGET = 1.15;

export interface ContenderResult {
  contender: Contender;
  /** Median over rounds of the mean time per call. */
  nsPerCall: number;
  opsPerSec: number;
  /** Median relative margin of error of the rounds' means, in percent. */
  rmePercent: number;
  perRoundNs: number[];
}

export interface OperationResult {
  operation: Operation;
  description: string;
  contenders: ContenderResult[];
  /** Median over rounds of (ours / openapi-fetch) time per call. */
  ratioToOpenapiFetch: number | null;
  ratioToRawFetch: number | null;
  openapiFetchRatioToRawFetch: number | null;
  meetsTarget: boolean | null;
}

export interface OverheadResult {
  rounds: number;
  callsPerSample: number;
  timePerTaskMs: number;
  target: number;
  operations: OperationResult[];
}

export interface OverheadOptions {
  rounds: number;
  timeMs: number;
  warmupMs: number;
  /** Calls per timed sample: amortizes the timer and tinybench's own await. */
  batch: number;
  log?: (line: string) => void;
}

export const QUICK_OVERHEAD: OverheadOptions = { rounds: 1, timeMs: 150, warmupMs: 50, batch: 20 };
export const FULL_OVERHEAD: OverheadOptions = { rounds: 5, timeMs: 1000, warmupMs: 300, batch: 50 };

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

/** One call of `operation` per contender, each over its own stub returning `body`. */
export function contenders(operation: Operation): { calls: Record<Contender, Call>; expected: unknown } {
  const body = operation === "get" ? RECORD_JSON : operation === "list" ? PAGE_JSON : PATCHED_JSON;
  const ours = createUserExtraClient({ baseUrl: BASE_URL, token: TOKEN, fetch: stubFetch(body) });
  const bare = createClient<paths>({
    baseUrl: BASE_URL,
    fetch: stubFetch(body),
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const fetchRaw = stubFetch(body);
  const auth = { authorization: `Bearer ${TOKEN}` };
  const json = async (res: Response) => {
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return JSON.parse(await res.text()) as unknown;
  };
  // openapi-fetch as its README uses it: data or error.
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
      "fetch + JSON.parse": async () => json(await fetchRaw(`${BASE_URL}/user_extra/${id}/`, { headers: auth })),
    },
    list: {
      "@user-extra/client": () => ours.list({ limit: PAGE_LIMIT }),
      "openapi-fetch": () =>
        unwrap(bare.GET("/user_extra/", { params: { query: { limit: PAGE_LIMIT } } })),
      "fetch + JSON.parse": async () =>
        json(await fetchRaw(`${BASE_URL}/user_extra/?limit=${PAGE_LIMIT}`, { headers: auth })),
    },
    patch: {
      "@user-extra/client": () => ours.patch(id, PATCH_BODY),
      "openapi-fetch": () =>
        unwrap(bare.PATCH("/user_extra/{id}/", { params: { path: { id } }, body: PATCH_BODY })),
      "fetch + JSON.parse": async () =>
        json(
          await fetchRaw(`${BASE_URL}/user_extra/${id}/`, {
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
async function checkContenders(operation: Operation, calls: Record<Contender, Call>, expected: unknown) {
  for (const name of CONTENDERS) {
    const got = await calls[name]();
    if (!isDeepStrictEqual(got, expected)) {
      throw new Error(`${name} ${operation}: the result differs from the stubbed response body`);
    }
  }
}

const gc = (globalThis as { gc?: () => void }).gc;

export async function runOverhead(o: OverheadOptions): Promise<OverheadResult> {
  const log = o.log ?? (() => {});
  const perRound = new Map<string, { ns: number[]; rme: number[] }>();
  const key = (op: Operation, c: Contender) => `${op}\0${c}`;

  for (let round = 0; round < o.rounds; round++) {
    for (const operation of OPERATIONS) {
      const { calls, expected } = contenders(operation);
      await checkContenders(operation, calls, expected);
      const bench = new Bench({
        time: o.timeMs,
        warmupTime: o.warmupMs,
        iterations: 16,
        warmupIterations: 8,
        throws: true,
        // Every task starts from a collected heap, so one task's garbage is not another's pause.
        setup: () => gc?.(),
      });
      // Rotate the order each round: no contender always runs first (or last, on a hot heap).
      const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length] as Contender);
      for (const name of order) {
        const call = calls[name];
        bench.add(
          name,
          async () => {
            for (let i = 0; i < o.batch; i++) await call();
          },
          { async: true },
        );
      }
      await bench.run();
      for (const task of bench.tasks) {
        const r = task.result;
        if (!("latency" in r)) throw new Error(`${operation} ${task.name}: tinybench state ${r.state}`);
        const entry = perRound.get(key(operation, task.name as Contender)) ?? { ns: [], rme: [] };
        entry.ns.push((r.latency.mean * 1e6) / o.batch);
        entry.rme.push(r.latency.rme);
        perRound.set(key(operation, task.name as Contender), entry);
      }
    }
    log(`  overhead: round ${round + 1}/${o.rounds} done`);
  }

  const operations = OPERATIONS.map((operation): OperationResult => {
    const results = CONTENDERS.map((contender): ContenderResult => {
      const { ns, rme } = perRound.get(key(operation, contender)) ?? { ns: [], rme: [] };
      const nsPerCall = median(ns);
      return { contender, nsPerCall, opsPerSec: 1e9 / nsPerCall, rmePercent: median(rme), perRoundNs: ns };
    });
    const [ours, bare, raw] = results.map((r) => r.perRoundNs) as [number[], number[], number[]];
    const ratioToOpenapiFetch = pairedRatio(ours, bare);
    return {
      operation,
      description: DESCRIPTIONS[operation],
      contenders: results,
      ratioToOpenapiFetch,
      ratioToRawFetch: pairedRatio(ours, raw),
      openapiFetchRatioToRawFetch: pairedRatio(bare, raw),
      meetsTarget: ratioToOpenapiFetch === null ? null : ratioToOpenapiFetch <= OVERHEAD_TARGET,
    };
  });
  return {
    rounds: o.rounds,
    callsPerSample: o.batch,
    timePerTaskMs: o.timeMs,
    target: OVERHEAD_TARGET,
    operations,
  };
}
