import { type ChildProcess, spawn } from "node:child_process";
import { killGroup } from "./exec.js";

export interface SandboxProcess {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the published sandbox through its bin (`node_modules/.bin/user-extra-sandbox`), on a
 * free port, and waits for the URL it prints.
 */
export function startSandboxProcess(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<SandboxProcess> {
  const child: ChildProcess = spawn("node_modules/.bin/user-extra-sandbox", args, {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => killGroup(child.pid), 5_000);
      // "close", not "exit": the last lines it printed are then read too.
      child.once("close", () => {
        clearTimeout(force);
        resolve();
      });
      killGroup(child.pid, "SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(
        Object.assign(new Error(`the sandbox printed no URL within ${timeoutMs / 1000} s`), {
          output,
        }),
      );
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+\S*)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, output: () => output, stop });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}
