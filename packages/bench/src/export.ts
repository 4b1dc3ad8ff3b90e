// Benchmark: export (every record of an organization), the reference's bulk synchronisation
// and data export. A hand-written sequential fetch loop following `next` against
// `client.listAll({ limit }, { concurrency })` at 1, 2, 4 and 8, straight to the sandbox and
// through a proxy adding a fixed delay each way (a network's round trip per page). Each walk
// runs in a fresh worker process; contenders are interleaved, their order rotating per round.
import { type LatencyProxy, startLatencyProxy } from "./latency-proxy.js";
import { checkSameRecords, recordsPerSec } from "./pagination.js";
import type { WalkInput, WalkOutput } from "./pagination-worker.js";
import { runWorker, startSandboxChild } from "./processes.js";
import { median, pairedRatio } from "./stats.js";

export interface ExportOptions {
  /** Records in the caller's organization (the sandbox seeds three organizations evenly). */
  records: number;
  limit: number;
  rounds: number;
  /** Delay added each way by the proxy, in ms. */
  delayMs: number;
  concurrencies: number[];
  log?: (line: string) => void;
}

export const QUICK_EXPORT: ExportOptions = {
  records: 10_000,
  limit: 1000,
  rounds: 1,
  delayMs: 25,
  concurrencies: [1, 4],
};
export const FULL_EXPORT: ExportOptions = {
  records: 100_000,
  limit: 1000,
  rounds: 3,
  delayMs: 25,
  concurrencies: [1, 2, 4, 8],
};

export interface ExportContender {
  label: string;
  /** 0: the sequential fetch loop. */
  concurrency: number;
  latency: boolean;
  recordsPerSec: number;
  minRecordsPerSec: number;
  maxRecordsPerSec: number;
  /** Median of per-round ratios of records/s against the fetch loop on the same path. */
  vsSequentialLoop: number | null;
}

export interface ExportResult {
  records: number;
  limit: number;
  pages: number;
  rounds: number;
  delayMs: number;
  contenders: ExportContender[];
}

interface Contender {
  label: string;
  concurrency: number;
  latency: boolean;
}

/** Every contender of a run: the loop and each concurrency, direct and through the proxy. */
export function exportContenders(concurrencies: readonly number[], delayMs: number): Contender[] {
  const path = (latency: boolean) => (latency ? ` (+${delayMs} ms each way)` : " (loopback)");
  return [false, true].flatMap((latency) => [
    { label: `fetch loop following next${path(latency)}`, concurrency: 0, latency },
    ...concurrencies
      // Straight to the sandbox only concurrency 1 is asked about (>= 1.0x the loop).
      .filter((c) => latency || c === 1)
      .map((concurrency) => ({
        label: `listAll, concurrency ${concurrency}${path(latency)}`,
        concurrency,
        latency,
      })),
  ]);
}

/** The order of round `round`: rotated by one each round, so none is always first. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  const k = round % Math.max(items.length, 1);
  return [...items.slice(k), ...items.slice(0, k)];
}

export async function runExport(o: ExportOptions): Promise<ExportResult> {
  const log = o.log ?? (() => {});
  const seed = o.records * 3; // round-robin over organizations 1, 2, 3: the caller is in 1
  log(`  export: seeding ${seed.toLocaleString("en-US")} records…`);
  const sandbox = await startSandboxChild({ database: ":memory:", seed });
  let proxy: LatencyProxy | undefined;
  try {
    proxy = await startLatencyProxy(sandbox.origin, o.delayMs);
    const basePath = sandbox.url.slice(sandbox.origin.length);
    const proxied = `${proxy.url}${basePath}`;
    const contenders = exportContenders(o.concurrencies, o.delayMs);
    const walks = new Map<Contender, WalkOutput[]>(contenders.map((c) => [c, []]));
    for (let round = 0; round < o.rounds; round++) {
      for (const c of rotate(contenders, round)) {
        const input: WalkInput = {
          mode: c.concurrency === 0 ? "fetch" : "client",
          phase: "timed",
          url: c.latency ? proxied : sandbox.url,
          token: sandbox.demoToken,
          limit: o.limit,
          ...(c.concurrency > 0 && { concurrency: c.concurrency }),
        };
        walks.get(c)?.push(await runWorker<WalkOutput>("./pagination-worker.ts", input));
      }
      log(`  export: round ${round + 1}/${o.rounds} done`);
    }
    checkSameRecords([...walks.values()].flat(), o.records);
    const rps = recordsPerSec;
    const loop = (latency: boolean) =>
      (
        walks.get(
          contenders.find((c) => c.concurrency === 0 && c.latency === latency) as Contender,
        ) ?? []
      ).map(rps);
    return {
      records: o.records,
      limit: o.limit,
      pages: Math.ceil(o.records / o.limit),
      rounds: o.rounds,
      delayMs: o.delayMs,
      contenders: contenders.map((c) => {
        const values = (walks.get(c) ?? []).map(rps);
        return {
          ...c,
          recordsPerSec: median(values),
          minRecordsPerSec: Math.min(...values),
          maxRecordsPerSec: Math.max(...values),
          vsSequentialLoop: c.concurrency === 0 ? 1 : pairedRatio(values, loop(c.latency)),
        };
      }),
    };
  } finally {
    await proxy?.close();
    await sandbox.stop();
  }
}
