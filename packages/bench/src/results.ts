// The JSON a run writes (results/latest.json): one object per section, plus the machine.
// A section that fails is recorded under `errors` and the others still run.
import type { Section } from "./args.js";
import type { BundleResult } from "./bundle.js";
import type { ContractResult } from "./contract.js";
import type { DeepPagesResult } from "./deep-pages.js";
import type { ExportResult } from "./export.js";
import type { Machine } from "./machine.js";
import type { OverheadResult } from "./overhead.js";
import type { PaginationResult } from "./pagination.js";
import type { ThroughputResult } from "./throughput.js";

export const SCHEMA_VERSION = 2;

export interface BenchResults {
  schemaVersion: typeof SCHEMA_VERSION;
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  machine: Machine;
  /** Stubbed fetch, no network: the measure. */
  overhead?: OverheadResult;
  /** The same calls over loopback HTTP with the real fetch: what the overhead weighs in a real call. */
  overheadLoopback?: OverheadResult;
  pagination?: PaginationResult;
  export?: ExportResult;
  bundle?: BundleResult;
  throughput?: ThroughputResult;
  deepPages?: DeepPagesResult;
  contract?: ContractResult;
  errors: Partial<Record<Section, string>>;
}

/** Every target the issue sets, as met / not met / not measured, for a one-line verdict. */
export function targets(
  r: BenchResults,
): { name: string; value: number | null; target: string; met: boolean | null }[] {
  const out: { name: string; value: number | null; target: string; met: boolean | null }[] = [];
  for (const op of r.overhead?.operations ?? []) {
    out.push({
      name: `client overhead, ${op.operation}`,
      value: op.ratioToOpenapiFetch,
      target: `<= ${r.overhead?.target}x openapi-fetch's time per call`,
      met: op.meetsTarget,
    });
  }
  for (const op of r.overhead?.operations ?? []) {
    out.push({
      name: `client vs hey-api, ${op.operation}`,
      value: op.ratioToHeyApi,
      target: `<= ${r.overhead?.heyApiTarget}x the hey-api client's time per call`,
      met: op.meetsHeyApiTarget,
    });
  }
  for (const t of r.throughput?.ratios ?? []) {
    out.push({
      name: `sandbox throughput, ${t.endpoint}`,
      value: t.toCeiling,
      target: `>= ${t.target}x the node:http ceiling's requests/s`,
      met: t.meetsTarget,
    });
  }
  for (const d of r.deepPages?.sizes ?? []) {
    out.push({
      name: `deep page, ${d.records} records`,
      value: d.ratio,
      target: `<= ${r.deepPages?.target}x the first page's p50`,
      met: d.meetsTarget,
    });
  }
  for (const c of r.export?.contenders ?? []) {
    // The two export targets: concurrency 1 against the loop, and 4 over latency.
    const at = c.latency ? 4 : 1;
    const least = c.latency ? 3 : 1;
    if (c.concurrency !== at) continue;
    out.push({
      name: `export, ${c.label}`,
      value: c.vsSequentialLoop,
      target: `>= ${least}x the sequential fetch loop's records/s`,
      met: c.vsSequentialLoop == null ? null : c.vsSequentialLoop >= least,
    });
  }
  for (const w of r.pagination?.walks ?? []) {
    out.push({
      name: `pagination heap, ${w.mode}`,
      value: w.maxHeapGrowthPages,
      target: "bounded by about one page (<= 2 pages)",
      met: Number.isFinite(w.maxHeapGrowthPages) ? w.maxHeapGrowthPages <= 2 : null,
    });
  }
  return out;
}
