// Worker process (run with --expose-gc): walks every record of the caller's organization,
// either with the client's async iterator or with a hand-written fetch loop following `next`,
// and reports its speed or its heap over time. A fresh process per run keeps the heap baseline
// free of the other benchmarks' garbage and of the server (which runs in its own process).
import { createUserExtraClient } from "@user-extra/client";
import type { UserExtra, UserExtraPage } from "@user-extra/types";
import { serveWorker } from "./processes.js";

export type WalkMode = "client" | "fetch";

export interface WalkInput {
  mode: WalkMode;
  phase: "timed" | "memory";
  url: string;
  token: string;
  limit: number;
  /** The client's `concurrency` (default 1). */
  concurrency?: number;
}

export interface HeapSample {
  records: number;
  /** heapUsed after a full GC, minus the baseline taken before the walk. */
  growthBytes: number;
}

export interface WalkOutput {
  mode: WalkMode;
  phase: "timed" | "memory";
  records: number;
  pages: number;
  ms: number;
  /** Sum of ids: the same for both modes when both saw the same records. */
  idSum: number;
  /** Memory phase: the heap one page of `limit` records holds while referenced. */
  pageBytes?: number;
  samples?: HeapSample[];
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  if (!gc) throw new Error("pagination worker: run with --expose-gc to measure the heap");
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** The hand-written loop: fetch, check the status, JSON.parse, follow `next`. */
async function* fetchAll(url: string, token: string, limit: number): AsyncGenerator<UserExtra> {
  let next: string | null = `${url}/user_extra/?limit=${limit}`;
  const headers = { authorization: `Bearer ${token}` };
  while (next) {
    const res: Response = await fetch(next, { headers });
    if (!res.ok) throw new Error(`GET ${next} answered ${res.status}`);
    const page = JSON.parse(await res.text()) as UserExtraPage;
    yield* page.results;
    next = page.next;
  }
}

function records(input: WalkInput): AsyncIterable<UserExtra> {
  if (input.mode === "fetch") return fetchAll(input.url, input.token, input.limit);
  const client = createUserExtraClient({ baseUrl: input.url, token: input.token });
  return client.listAll({ limit: input.limit }, { concurrency: input.concurrency });
}

/** Bytes one parsed page keeps alive: the unit heap growth is compared with. */
async function pageBytes(input: WalkInput): Promise<number> {
  const before = heapAfterGc();
  const res = await fetch(`${input.url}/user_extra/?limit=${input.limit}`, {
    headers: { authorization: `Bearer ${input.token}` },
  });
  const held = JSON.parse(await res.text()) as UserExtraPage;
  const after = heapAfterGc();
  if (held.results.length !== input.limit) {
    throw new Error(`expected a full first page of ${input.limit}, got ${held.results.length}`);
  }
  return after - before;
}

async function walk(input: WalkInput): Promise<WalkOutput> {
  const memory = input.phase === "memory";
  let unit: number | undefined;
  if (memory) {
    // Load and run every code path once so the baseline does not count compiled code.
    for await (const _ of records({ ...input, limit: 1 })) break;
    unit = await pageBytes(input);
  }
  const samples: HeapSample[] = [];
  const base = memory ? heapAfterGc() : 0;
  let count = 0;
  let idSum = 0;
  const t0 = performance.now();
  for await (const record of records(input)) {
    count++;
    idSum += record.id;
    // Sample on the last record of each page: the page is still referenced then.
    if (memory && count % input.limit === 0) {
      samples.push({ records: count, growthBytes: heapAfterGc() - base });
    }
  }
  const ms = performance.now() - t0;
  return {
    mode: input.mode,
    phase: input.phase,
    records: count,
    pages: Math.ceil(count / input.limit),
    ms,
    idSum,
    ...(memory && { pageBytes: unit, samples }),
  };
}

serveWorker(walk);
