// Benchmark: deep pages. The time of one list page (limit 25) at offset 0 against a page at
// about 33% of the records (offset 330,000 of 1,000,000: near the end of the caller's
// organization, which holds a third of them), for 10,000, 100,000 and 1,000,000 records. One
// sandbox child per size (file database), one keep-alive connection, requests at the two
// offsets interleaved; the p50 of each round, then the median and min–max over rounds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandboxChild } from "./processes.js";
import { median } from "./stats.js";

export interface DeepPagesOptions {
  sizes: number[];
  /** Share of the records the deep page starts at. */
  depth: number;
  limit: number;
  rounds: number;
  /** Requests per offset per round. */
  requests: number;
  log?: (line: string) => void;
}

export const QUICK_DEEP_PAGES: DeepPagesOptions = {
  sizes: [10_000, 100_000],
  depth: 0.33,
  limit: 25,
  rounds: 1,
  requests: 50,
};
export const FULL_DEEP_PAGES: DeepPagesOptions = {
  sizes: [10_000, 100_000, 1_000_000],
  depth: 0.33,
  limit: 25,
  rounds: 3,
  requests: 200,
};

/** The target: the deep page within 3x the first page's time. */
export const DEEP_PAGE_TARGET = 3;

export interface DeepPageSize {
  records: number;
  seedMs: number;
  deepOffset: number;
  firstP50Ms: number;
  firstMinMs: number;
  firstMaxMs: number;
  deepP50Ms: number;
  deepMinMs: number;
  deepMaxMs: number;
  /** Median over rounds of deep p50 / first p50. */
  ratio: number;
  meetsTarget: boolean;
}

export interface DeepPagesResult {
  limit: number;
  rounds: number;
  requests: number;
  target: number;
  sizes: DeepPageSize[];
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** The deep page's offset for `records` records: the share `depth` of them, whole. */
export const deepOffset = (records: number, depth: number) => Math.floor(records * depth);

/** Alternating order of the two offsets: first/deep, deep/first, ... so neither always leads. */
export function interleave<T>(a: T, b: T, pairs: number): T[] {
  return Array.from({ length: pairs }, (_, i) => (i % 2 === 0 ? [a, b] : [b, a])).flat();
}

async function timePage(url: string, token: string, expectResults: boolean): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { results?: unknown[] };
  const ms = performance.now() - t0;
  if (res.status !== 200 || (expectResults && !body.results?.length)) {
    throw new Error(`GET ${url} answered ${res.status} without the expected page`);
  }
  return ms;
}

export async function runDeepPages(o: DeepPagesOptions): Promise<DeepPagesResult> {
  const log = o.log ?? (() => {});
  const sizes: DeepPageSize[] = [];
  for (const records of o.sizes) {
    const dir = mkdtempSync(join(tmpdir(), "user-extra-bench-"));
    const sandbox = await startSandboxChild({ database: join(dir, "sandbox.db"), seed: records });
    try {
      log(`  deep pages: ${records} records seeded in ${(sandbox.startMs / 1000).toFixed(1)} s`);
      const offset = deepOffset(records, o.depth);
      const url = (at: number) => `${sandbox.url}/user_extra/?limit=${o.limit}&offset=${at}`;
      // Warm both paths (the page starts are sampled at the first deep request).
      for (const at of [0, offset, 0, offset]) await timePage(url(at), sandbox.demoToken, true);
      const first: number[] = [];
      const deep: number[] = [];
      const ratios: number[] = [];
      for (let round = 0; round < o.rounds; round++) {
        const times = { first: [] as number[], deep: [] as number[] };
        for (const which of interleave("first" as const, "deep" as const, o.requests)) {
          times[which].push(
            await timePage(url(which === "first" ? 0 : offset), sandbox.demoToken, true),
          );
        }
        const f = percentile(times.first, 50);
        const d = percentile(times.deep, 50);
        first.push(f);
        deep.push(d);
        ratios.push(d / f);
      }
      const ratio = median(ratios);
      sizes.push({
        records,
        seedMs: sandbox.startMs,
        deepOffset: offset,
        firstP50Ms: median(first),
        firstMinMs: Math.min(...first),
        firstMaxMs: Math.max(...first),
        deepP50Ms: median(deep),
        deepMinMs: Math.min(...deep),
        deepMaxMs: Math.max(...deep),
        ratio,
        meetsTarget: ratio <= DEEP_PAGE_TARGET,
      });
      log(
        `  deep pages: ${records} records, offset ${offset}: ${ratio.toFixed(2)}x the first page`,
      );
    } finally {
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    limit: o.limit,
    rounds: o.rounds,
    requests: o.requests,
    target: DEEP_PAGE_TARGET,
    sizes,
  };
}
