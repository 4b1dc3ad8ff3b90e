// Spawns the built CLI and waits for it to print its URL.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { BUILT_CLI } from "./paths.js";

export interface RunningCli {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How long a spawned process may take: a hang guard, far above a start on a busy machine. */
export const PROCESS_HANG_GUARD_MS = 120_000;

export function runCli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BUILT_CLI, ...args], {
    encoding: "utf8",
    timeout: PROCESS_HANG_GUARD_MS,
    env: { ...process.env, ...env },
  });
}

export function startCli(args: string[], env: Record<string, string> = {}): Promise<RunningCli> {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`the CLI did not start within ${PROCESS_HANG_GUARD_MS / 1000} s:\n${output}`),
      );
    }, PROCESS_HANG_GUARD_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // The banner's last line: everything before it has been printed.
      const m = /listening on (\S+)[\s\S]*Press Ctrl\+C to stop\./.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, output: () => output, exited });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited with ${code} before listening:\n${output}`));
    });
  });
}
