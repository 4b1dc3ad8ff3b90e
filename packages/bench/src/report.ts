// The printed report: one markdown table per section, the machine line on top, and the
// targets with their verdicts at the end.
import { fmtBytes, fmtDuration, fmtNumber, fmtRatio, table } from "./format.js";
import { machineLine } from "./machine.js";
import type { OverheadResult } from "./overhead.js";
import { type BenchResults, targets } from "./results.js";

const pct = (n: number) => `±${n.toFixed(1)}%`;
/** autocannon's percentiles are whole milliseconds: 0 means under 1 ms. */
const ms = (n: number) => (n < 1 ? "<1 ms" : `${n} ms`);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function overheadTitle(o: OverheadResult, how: string): string {
  return `### 1${o.transport === "stub" ? "" : "b"}. Client overhead (${how}; median of ${plural(o.rounds, "round")}, ${o.callsPerSample} calls per sample; ratios of CPU time per call)`;
}

function overheadTable(o: OverheadResult): string {
  return table(
    [
      "operation",
      "contender",
      "CPU/call",
      "wall/call",
      "calls/s",
      "rme",
      "vs openapi-fetch",
      "(wall)",
      "vs fetch+JSON.parse",
    ],
    o.operations.flatMap((op) =>
      op.contenders.map((c) => [
        op.operation,
        c.contender,
        fmtDuration(c.cpuNsPerCall / 1e6),
        fmtDuration(c.wallNsPerCall / 1e6),
        Math.round(c.opsPerSec),
        pct(c.rmePercent),
        fmtRatio(c.vsOpenapiFetch),
        fmtRatio(c.wallVsOpenapiFetch),
        fmtRatio(c.vsRawFetch),
      ]),
    ),
  );
}

export function report(r: BenchResults): string {
  const out: string[] = [];
  out.push(`Machine: ${machineLine(r.machine)}`);
  out.push(`Run: ${r.startedAt}${r.quick ? " (--quick: smoke run, not numbers to publish)" : ""}`);

  if (r.overhead) {
    out.push(
      "",
      overheadTitle(r.overhead, "stubbed fetch, no network"),
      "",
      overheadTable(r.overhead),
    );
  }
  if (r.overheadLoopback) {
    out.push(
      "",
      overheadTitle(
        r.overheadLoopback,
        "loopback HTTP to a minimal node:http server in another process, real fetch",
      ),
      "",
      overheadTable(r.overheadLoopback),
    );
  }

  if (r.pagination) {
    const p = r.pagination;
    out.push(
      "",
      `### 2. Auto-pagination (${fmtNumber(p.records)} records, ${p.pages} pages of ${p.limit}, sandbox in a child process; median of ${p.rounds} round${p.rounds > 1 ? "s" : ""})`,
      "",
      table(
        [
          "iterator",
          "records/s",
          "vs fetch loop",
          "one page on heap",
          "max heap growth",
          "in pages",
          "heap slope, 2nd half",
        ],
        p.walks.map((w) => [
          w.label,
          Math.round(w.recordsPerSec),
          w.mode === "client" ? fmtRatio(p.ratioClientToFetch) : "1.00x",
          fmtBytes(w.pageBytes),
          fmtBytes(w.maxHeapGrowthBytes),
          w.maxHeapGrowthPages.toFixed(2),
          `${w.steadyHeapSlopeBytesPerRecord.toFixed(1)} B/record`,
        ]),
      ),
      "",
      `Seeding ${fmtNumber(p.seeded)} records (${fmtNumber(p.records)} in the caller's organization) took ${fmtDuration(p.seedMs)}.`,
    );
  }

  if (r.export) {
    const e = r.export;
    out.push(
      "",
      `### 2b. Export (${fmtNumber(e.records)} records, ${e.pages} pages of ${e.limit}; straight to the sandbox, and through a proxy adding ${e.delayMs} ms each way; median and min–max of ${e.rounds} round${e.rounds > 1 ? "s" : ""}, contenders interleaved)`,
      "",
      table(
        ["walk", "records/s", "min–max", "vs the sequential fetch loop"],
        e.contenders.map((c) => [
          c.label,
          Math.round(c.recordsPerSec),
          `${Math.round(c.minRecordsPerSec)}–${Math.round(c.maxRecordsPerSec)}`,
          fmtRatio(c.vsSequentialLoop),
        ]),
      ),
    );
  }

  if (r.bundle) {
    out.push(
      "",
      `### 3. Bundle size (ESM, ${r.bundle.tool})`,
      "",
      table(
        ["bundle", "minified", "min+gzip"],
        r.bundle.rows.map((b) => [b.name, fmtBytes(b.minifiedBytes), fmtBytes(b.gzippedBytes)]),
      ),
    );
  }

  if (r.throughput) {
    const t = r.throughput;
    const label = { sandbox: "sandbox", ceiling: "node:http ceiling", prism: "Prism mock" };
    const ratioOf = (e: string) => t.ratios.find((x) => x.endpoint === e);
    out.push(
      "",
      `### 4. Sandbox vs the ceiling and Prism (autocannon, ${t.connections} connections, ${t.durationSec} s per run, loopback; median and min–max of ${plural(t.rounds, "round")}, contenders interleaved; sandbox seeded with ${fmtNumber(t.seed)} records in a file database)`,
      "",
      table(
        [
          "request",
          "server",
          "requests/s",
          "min–max",
          "body",
          "p50",
          "p99",
          "failed",
          "vs ceiling",
          "vs Prism",
        ],
        t.summaries.map((c) => [
          `${c.method} ${c.path}`,
          label[c.contender],
          Math.round(c.requestsPerSec),
          `${Math.round(c.minRequestsPerSec)}–${Math.round(c.maxRequestsPerSec)}`,
          fmtBytes(c.responseBytes),
          ms(c.latencyP50Ms),
          ms(c.latencyP99Ms),
          c.failed,
          c.contender === "sandbox" ? fmtRatio(ratioOf(c.endpoint)?.toCeiling) : null,
          c.contender === "sandbox" ? fmtRatio(ratioOf(c.endpoint)?.toPrism) : null,
        ]),
      ),
    );
  }

  if (r.deepPages) {
    const d = r.deepPages;
    out.push(
      "",
      `### 4b. Deep pages (a page of ${d.limit} at offset 0 and at ~33% of the records; p50 of ${d.requests} requests each per round, interleaved; median and min–max of ${plural(d.rounds, "round")})`,
      "",
      table(
        ["records", "deep offset", "offset 0 p50", "min–max", "deep p50", "min–max", "deep/first"],
        d.sizes.map((s) => [
          s.records,
          s.deepOffset,
          fmtDuration(s.firstP50Ms),
          `${fmtDuration(s.firstMinMs)}–${fmtDuration(s.firstMaxMs)}`,
          fmtDuration(s.deepP50Ms),
          `${fmtDuration(s.deepMinMs)}–${fmtDuration(s.deepMaxMs)}`,
          fmtRatio(s.ratio),
        ]),
      ),
    );
  }

  if (r.contract) {
    const c = r.contract;
    out.push(
      "",
      "### 5. Contract suite cost",
      "",
      `\`${c.command}\`: ${fmtDuration(c.wallMs)} wall, exit ${c.exitCode}${c.ok ? "" : " (FAILED)"}`,
    );
    if (c.tasks.length) {
      out.push(
        "",
        table(
          ["turbo task", "time"],
          [
            ...c.tasks.map((t) => [t.task, fmtDuration(t.ms)]),
            ["contract + verify (the suite itself)", fmtDuration(c.suiteMs)],
          ],
        ),
      );
    }
  }

  const verdicts = targets(r);
  if (verdicts.length) {
    out.push(
      "",
      "### Targets",
      "",
      table(
        ["measure", "value", "target", "met"],
        verdicts.map((v) => [
          v.name,
          v.name.startsWith("pagination")
            ? v.value == null
              ? null
              : `${v.value.toFixed(2)} pages`
            : fmtRatio(v.value),
          v.target,
          v.met == null ? "–" : v.met ? "yes" : "NO",
        ]),
      ),
    );
  }
  for (const [section, message] of Object.entries(r.errors)) {
    out.push("", `Section ${section} FAILED: ${message.split("\n")[0]}`);
  }
  return out.join("\n");
}
