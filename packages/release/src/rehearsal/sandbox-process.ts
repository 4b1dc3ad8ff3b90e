import { type ChildProcess, spawn } from "node:child_process";
import { killGroup } from "./exec.js";

export interface SandboxProcess {
  url: string;
  /** The provider-state endpoint it printed (started with --enable-provider-states only). */
  providerStatesUrl?: string;
  output: () => string;
  stop(): Promise<void>;
}

/** The sandbox's start-up lines: its API URL, and the provider-state endpoint when mounted. */
export function readStartupUrls(output: string): { url?: string; providerStatesUrl?: string } {
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+\S*)/.exec(output)?.[1];
  const providerStatesUrl = /provider states: POST (http:\/\/127\.0\.0\.1:\d+\S*)/.exec(
    output,
  )?.[1];
  return { ...(url ? { url } : {}), ...(providerStatesUrl ? { providerStatesUrl } : {}) };
}

/**
 * Starts the published sandbox through its bin (`node_modules/.bin/user-extra-sandbox`), on a
 * free port, and waits for the URL it prints (and, given --enable-provider-states, for the
 * provider-state endpoint it prints after it).
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
  const wantsStates = args.includes("--enable-provider-states");
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
        Object.assign(
          new Error(
            `the sandbox printed no ${wantsStates && readStartupUrls(output).url ? "provider-state endpoint" : "URL"} within ${timeoutMs / 1000} s`,
          ),
          { output },
        ),
      );
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const { url, providerStatesUrl } = readStartupUrls(output);
      if (url && (!wantsStates || providerStatesUrl)) {
        clearTimeout(timer);
        resolve({
          url,
          ...(providerStatesUrl ? { providerStatesUrl } : {}),
          output: () => output,
          stop,
        });
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
