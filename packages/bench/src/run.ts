// `pnpm bench`: runs the sections in order, prints the tables and writes results/latest.json
// (and the tables as results/latest.md). A failing section is reported and the rest still run.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HELP, parseBenchArgs, type Section, UsageError } from "./args.js";
import { runBundle } from "./bundle.js";
import { runContract } from "./contract.js";
import { FULL_DEEP_PAGES, QUICK_DEEP_PAGES, runDeepPages } from "./deep-pages.js";
import { FULL_EXPORT, QUICK_EXPORT, runExport } from "./export.js";
import { machine, machineLine } from "./machine.js";
import {
  FULL_LOOPBACK,
  FULL_OVERHEAD,
  QUICK_LOOPBACK,
  QUICK_OVERHEAD,
  runOverhead,
} from "./overhead.js";
import { FULL_PAGINATION, QUICK_PAGINATION, runPagination } from "./pagination.js";
import { report } from "./report.js";
import { type BenchResults, SCHEMA_VERSION } from "./results.js";
import { FULL_THROUGHPUT, QUICK_THROUGHPUT, runThroughput } from "./throughput.js";

const DEFAULT_OUT = fileURLToPath(new URL("../results/latest.json", import.meta.url));

let args: ReturnType<typeof parseBenchArgs>;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`bench: ${e.message}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
if (!(globalThis as { gc?: unknown }).gc) {
  process.stderr.write(
    "bench: note: run with node --expose-gc (as `pnpm bench` does) for steadier numbers\n",
  );
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const quick = args.quick;
const results: BenchResults = {
  schemaVersion: SCHEMA_VERSION,
  startedAt: new Date().toISOString(),
  finishedAt: "",
  quick,
  machine: machine(),
  errors: {},
};
log(`Machine: ${machineLine(results.machine)}`);

const sections: Record<Section, () => Promise<void>> = {
  overhead: async () => {
    results.overhead = await runOverhead("stub", {
      ...(quick ? QUICK_OVERHEAD : FULL_OVERHEAD),
      log,
    });
    results.overheadLoopback = await runOverhead("loopback", {
      ...(quick ? QUICK_LOOPBACK : FULL_LOOPBACK),
      log,
    });
  },
  pagination: async () => {
    results.pagination = await runPagination({
      ...(quick ? QUICK_PAGINATION : FULL_PAGINATION),
      log,
    });
  },
  export: async () => {
    results.export = await runExport({ ...(quick ? QUICK_EXPORT : FULL_EXPORT), log });
  },
  bundle: async () => {
    results.bundle = await runBundle();
  },
  throughput: async () => {
    results.throughput = await runThroughput({
      ...(quick ? QUICK_THROUGHPUT : FULL_THROUGHPUT),
      log,
    });
  },
  "deep-pages": async () => {
    results.deepPages = await runDeepPages({
      ...(quick ? QUICK_DEEP_PAGES : FULL_DEEP_PAGES),
      log,
    });
  },
  contract: async () => {
    results.contract = await runContract(log);
  },
};

for (const section of args.sections) {
  const t0 = performance.now();
  log(`[${section}] running…`);
  try {
    await sections[section]();
    log(`[${section}] done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    results.errors[section] = (e as Error).stack ?? String(e);
    log(`[${section}] FAILED: ${(e as Error).message}`);
  }
}
results.finishedAt = new Date().toISOString();

const text = report(results);
process.stdout.write(`\n${text}\n`);
const out = resolve(args.out ?? DEFAULT_OUT);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(out.replace(/(\.json)?$/, ".md"), `${text}\n`);
log(`\nResults: ${out}`);
process.exitCode = Object.keys(results.errors).length ? 1 : 0;
