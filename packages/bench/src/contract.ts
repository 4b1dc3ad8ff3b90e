// Benchmark 5: what the contract suite costs, by running it as CI does: consumer tests + the
// spec gates and bi-directional check (`contract`), then provider verification against the
// sandbox (`verify`), through turbo with the cache off. turbo's run summary gives each task's
// share, so the rebuild of the packages it depends on can be told apart from the suite itself.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
export const CONTRACT_ARGS = [
  "run",
  "contract",
  "verify",
  "--filter",
  "@user-extra/contract",
  "--force",
];
/** As the README runs turbo: through the pinned pnpm, which turbo also needs on PATH. */
const PNPM = ["--yes", "pnpm@12.4.2", "exec", "turbo"];

export interface TaskTiming {
  task: string;
  ms: number;
  exitCode: number | null;
}

export interface ContractResult {
  command: string;
  wallMs: number;
  exitCode: number | null;
  ok: boolean;
  /** Per turbo task, from its run summary (empty if turbo wrote none). */
  tasks: TaskTiming[];
  /** Sum of the `contract` and `verify` tasks: the suite without the rebuilds. */
  suiteMs: number | null;
  /** The end of the output when the run failed. */
  outputTail?: string;
}

interface SummaryTask {
  taskId?: string;
  execution?: { startTime?: number; endTime?: number; exitCode?: number | null };
}

/** Task timings out of a turbo run summary (.turbo/runs/<id>.json), in the order they started. */
export function taskTimings(summary: { tasks?: SummaryTask[] }): TaskTiming[] {
  return (summary.tasks ?? [])
    .filter((t) => t.taskId && t.execution?.startTime && t.execution.endTime)
    .sort((a, b) => (a.execution?.startTime as number) - (b.execution?.startTime as number))
    .map((t) => ({
      task: t.taskId as string,
      ms: (t.execution?.endTime as number) - (t.execution?.startTime as number),
      exitCode: t.execution?.exitCode ?? null,
    }));
}

export async function runContract(log: (line: string) => void = () => {}): Promise<ContractResult> {
  const runsDir = join(ROOT, ".turbo", "runs");
  const before = new Set(existsSync(runsDir) ? readdirSync(runsDir) : []);
  const args = [...CONTRACT_ARGS, "--summarize", "--output-logs=errors-only"];
  log(`  contract: turbo ${args.join(" ")}`);
  const t0 = performance.now();
  let output = "";
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn("npx", [...PNPM, ...args], {
      cwd: ROOT,
      env: { ...process.env, PACT_DO_NOT_TRACK: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.once("error", reject);
    child.once("exit", resolve);
  });
  const wallMs = performance.now() - t0;

  // The summary this run wrote: the newest new file. It is ours to read and remove.
  let tasks: TaskTiming[] = [];
  const fresh = existsSync(runsDir)
    ? readdirSync(runsDir)
        .filter((f) => f.endsWith(".json") && !before.has(f))
        .map((f) => join(runsDir, f))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    : [];
  if (fresh[0]) {
    tasks = taskTimings(JSON.parse(readFileSync(fresh[0], "utf8")));
    for (const f of fresh) rmSync(f, { force: true });
  }
  const suite = tasks.filter((t) => /#(contract|verify)$/.test(t.task));
  return {
    command: `npx pnpm@12.4.2 exec turbo ${CONTRACT_ARGS.join(" ")}`,
    wallMs,
    exitCode,
    ok: exitCode === 0,
    tasks,
    suiteMs: suite.length ? suite.reduce((s, t) => s + t.ms, 0) : null,
    ...(exitCode !== 0 && { outputTail: output.slice(-4000) }),
  };
}
