// Benchmark 2: auto-pagination over a seeded sandbox on loopback. The sandbox runs in its own
// process; each walk runs in a fresh worker process, alternating client and fetch loop.

import type { WalkInput, WalkMode, WalkOutput } from "./pagination-worker.js";
import { runWorker, startSandboxChild } from "./processes.js";
import { maxGrowth, median, pairedRatio, slope } from "./stats.js";

export interface PaginationOptions {
  /** Records in the caller's organization (the sandbox seeds three organizations evenly). */
  records: number;
  limit: number;
  rounds: number;
  log?: (line: string) => void;
}

export const QUICK_PAGINATION: PaginationOptions = { records: 10_000, limit: 1000, rounds: 1 };
export const FULL_PAGINATION: PaginationOptions = { records: 100_000, limit: 1000, rounds: 3 };

export interface WalkSummary {
  mode: WalkMode;
  label: string;
  recordsPerSec: number;
  perRoundRecordsPerSec: number[];
  /** One parsed page of `limit` records, as held on the heap. */
  pageBytes: number;
  maxHeapGrowthBytes: number;
  /** maxHeapGrowthBytes / pageBytes. */
  maxHeapGrowthPages: number;
  /** Least-squares heap growth per record walked: ~0 when memory is bounded. */
  heapSlopeBytesPerRecord: number;
  /**
   * The same over the second half of the walk, once the first pages' one-off allocations
   * (compiled code, connection state) are done: a client keeping records would show about
   * pageBytes / limit here, a bounded one close to 0.
   */
  steadyHeapSlopeBytesPerRecord: number;
  heapSamples: { records: number; growthBytes: number }[];
}

export interface PaginationResult {
  records: number;
  limit: number;
  pages: number;
  rounds: number;
  seeded: number;
  /** startSandbox, seeding included, in the child. */
  seedMs: number;
  walks: WalkSummary[];
  /** Client records/s over fetch loop records/s (median of per-round ratios). */
  ratioClientToFetch: number | null;
}

const slopeOf = (samples: { records: number; growthBytes: number }[]) =>
  samples.length < 2
    ? Number.NaN
    : slope(
        samples.map((s) => s.records),
        samples.map((s) => s.growthBytes),
      );

const LABELS: Record<WalkMode, string> = {
  client: "client.listAll({ limit })",
  fetch: "fetch loop following next",
};

/** Records per second of a walk. */
export const recordsPerSec = (w: WalkOutput) => (w.records / w.ms) * 1000;

/** Throws unless every walk saw `records` records, and the same ones (sum of ids). */
export function checkSameRecords(walks: readonly WalkOutput[], records: number): void {
  const first = walks[0] as WalkOutput;
  for (const w of walks) {
    if (w.records !== records || w.idSum !== first.idSum) {
      throw new Error(
        `${w.mode} walk saw ${w.records} records (id sum ${w.idSum}); expected ${records} (id sum ${first.idSum})`,
      );
    }
  }
}

export async function runPagination(o: PaginationOptions): Promise<PaginationResult> {
  const log = o.log ?? (() => {});
  const seed = o.records * 3; // round-robin over organizations 1, 2, 3: the caller is in 1
  log(
    `  pagination: seeding ${seed.toLocaleString("en-US")} records (${o.records.toLocaleString("en-US")} in the caller's organization)…`,
  );
  const sandbox = await startSandboxChild({ database: ":memory:", seed });
  log(`  pagination: sandbox ready in ${(sandbox.startMs / 1000).toFixed(1)} s`);
  try {
    const worker = (mode: WalkMode, phase: WalkInput["phase"]) => {
      const input: WalkInput = {
        mode,
        phase,
        url: sandbox.url,
        token: sandbox.demoToken,
        limit: o.limit,
      };
      return runWorker<WalkOutput>("./pagination-worker.ts", input, ["--expose-gc"]);
    };
    const timed: Record<WalkMode, WalkOutput[]> = { client: [], fetch: [] };
    for (let round = 0; round < o.rounds; round++) {
      const order: WalkMode[] = round % 2 ? ["fetch", "client"] : ["client", "fetch"];
      for (const mode of order) timed[mode].push(await worker(mode, "timed"));
      log(`  pagination: round ${round + 1}/${o.rounds} done`);
    }
    const memory = {
      client: await worker("client", "memory"),
      fetch: await worker("fetch", "memory"),
    };

    checkSameRecords([...timed.client, ...timed.fetch, memory.client, memory.fetch], o.records);
    const rps = recordsPerSec;
    const walks = (["client", "fetch"] as const).map((mode): WalkSummary => {
      const m = memory[mode];
      const samples = m.samples ?? [];
      const unit = m.pageBytes ?? Number.NaN;
      const growth = maxGrowth([0, ...samples.map((s) => s.growthBytes)]);
      return {
        mode,
        label: LABELS[mode],
        recordsPerSec: median(timed[mode].map(rps)),
        perRoundRecordsPerSec: timed[mode].map(rps),
        pageBytes: unit,
        maxHeapGrowthBytes: growth,
        maxHeapGrowthPages: growth / unit,
        heapSlopeBytesPerRecord: slopeOf(samples),
        steadyHeapSlopeBytesPerRecord: slopeOf(samples.slice(Math.floor(samples.length / 2))),
        heapSamples: samples,
      };
    });
    return {
      records: o.records,
      limit: o.limit,
      pages: Math.ceil(o.records / o.limit),
      rounds: o.rounds,
      seeded: sandbox.seeded,
      seedMs: sandbox.startMs,
      walks,
      ratioClientToFetch: pairedRatio(timed.client.map(rps), timed.fetch.map(rps)),
    };
  } finally {
    await sandbox.stop();
  }
}
