import { type ChildProcess, spawn } from "node:child_process";

/** Every command still running, so that an interrupted rehearsal can stop them all. */
const running = new Set<ChildProcess>();

/** Kills every command `run` started that has not finished yet (and what they spawned). */
export function killRunning(): void {
  for (const child of running) killGroup(child.pid);
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kills the command (and its children) after this long. */
  timeoutMs?: number;
  /** Exit codes that count as an answer rather than a failure (default: only 0). */
  exitCodes?: readonly number[];
}

export interface RunResult {
  /** stdout and stderr interleaved, as a terminal would show them. */
  output: string;
  stdout: string;
  /** The exit code (0 unless `exitCodes` allowed another). */
  code: number;
}

/** A command that exited non-zero or timed out; `output` is what it printed. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

/**
 * Runs a command without a shell, capturing its output. The command gets its own process group
 * so that a timeout also stops what it spawned (npm and pnpm start further processes).
 */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const accepted = options.exitCodes ?? [0];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    running.add(child);
    let output = "";
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      stdout += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    const shown = `${command} ${args.join(" ")}`;
    child.on("error", (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new CommandError(`${shown}: ${error.message}`, output));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (timedOut)
        reject(new CommandError(`${shown}: timed out after ${timeoutMs / 1000} s`, output));
      else if (code === null || !accepted.includes(code))
        reject(new CommandError(`${shown}: exited with ${code ?? signal}`, output));
      else resolve({ output, stdout, code });
    });
  });
}

export function killGroup(pid: number | undefined, signal: NodeJS.Signals = "SIGKILL"): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * The environment for the tools the rehearsal runs. pnpm and npx export dozens of npm_config_*
 * variables (local_prefix points at this package!) that would steer npm in the consumer project;
 * only the ones that describe the machine (cache, CA file, registry mirror) are kept.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = new Set([
    "npm_config_cache",
    "npm_config_cafile",
    "npm_config_registry",
    "npm_config_nodedir",
  ]);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    const tooling =
      lower.startsWith("npm_") || lower.startsWith("pnpm_") || lower.startsWith("turbo_");
    if (!tooling || keep.has(lower)) env[key] = value;
  }
  return {
    ...env,
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    // scripts/lib.sh finds pnpm through `npx pnpm@X` (once per script): without this npx
    // revalidates pnpm's metadata on registry.npmjs.org each time. With it, the cached pnpm is
    // used as is.
    npm_config_prefer_offline: "true",
    ...extra,
  };
}
