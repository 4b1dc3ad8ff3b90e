// Child processes of the benchmarks: the sandbox (so the client's heap and CPU are not the
// server's), a measuring worker, Prism. Each is started with an IPC channel or a readiness
// line, and stopped by its own pid.
import { type ChildProcess, fork, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Node flags a TypeScript child needs (tsx), plus extra ones such as --expose-gc. */
function execArgv(extra: string[] = []) {
  return [...extra, "--import", "tsx"];
}

export interface SandboxChildOptions {
  /** ":memory:" or a file path. */
  database: string;
  seed: number;
  defaultLimit?: number;
}

export interface SandboxChild {
  url: string;
  origin: string;
  demoToken: string;
  seeded: number;
  /** Time startSandbox took, seeding included. */
  startMs: number;
  pid: number;
  stop(): Promise<void>;
}

/** What src/sandbox-child.ts sends once listening. */
export interface SandboxReady {
  type: "ready";
  url: string;
  origin: string;
  demoToken: string;
  seeded: number;
  startMs: number;
}

function stopper(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      child.kill(signal);
    });
}

/**
 * Starts a TypeScript child process that serves something and resolves with the first message
 * it sends (its address), plus its pid and a stop function.
 */
export function startService<T>(
  file: string,
  input: unknown,
  nodeFlags: string[] = [],
): Promise<T & { pid: number; stop(): Promise<void> }> {
  const child = fork(here(file), [JSON.stringify(input)], {
    execArgv: execArgv(nodeFlags),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    const early = (code: number | null, signal: string | null) =>
      reject(new Error(`${file} exited before it was ready (code ${code}, signal ${signal})`));
    child.once("error", reject);
    child.once("exit", early);
    child.once("message", (m: T) => {
      child.off("exit", early);
      child.off("error", reject);
      resolve({ ...m, pid: child.pid as number, stop: stopper(child) });
    });
  });
}

/** `nodeFlags`: e.g. --cpu-prof to profile the sandbox under load. */
export function startSandboxChild(
  options: SandboxChildOptions,
  nodeFlags: string[] = [],
): Promise<SandboxChild> {
  return startService<SandboxReady>("./sandbox-child.ts", options, nodeFlags);
}

/**
 * Runs a TypeScript worker in a fresh Node process and resolves with the one message it sends
 * (its result), or rejects with its error.
 */
export function runWorker<T>(file: string, input: unknown, nodeFlags: string[] = []): Promise<T> {
  const child = fork(here(file), [JSON.stringify(input)], {
    execArgv: execArgv(nodeFlags),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    let result: { ok: true; value: T } | { ok: false; error: string } | undefined;
    child.on("message", (m: typeof result) => {
      result = m;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (result?.ok) resolve(result.value);
      else
        reject(new Error(result?.error ?? `worker ${file} exited with code ${code} and no result`));
    });
  });
}

/** In a worker: run `main` on the parent's input and send back its result or error. */
export function serveWorker<I, O>(main: (input: I) => Promise<O>): void {
  const input = JSON.parse(process.argv[2] ?? "null") as I;
  main(input).then(
    (value) => process.send?.({ ok: true, value }, () => process.exit(0)),
    (e: Error) => process.send?.({ ok: false, error: e.stack ?? e.message }, () => process.exit(1)),
  );
}

export interface PrismChild {
  url: string;
  pid: number;
  startMs: number;
  stop(): Promise<void>;
}

/** `prism mock SPEC -h 127.0.0.1 -p PORT`, ready once it prints that it is listening. */
export function startPrism(prismBin: string, spec: string, port: number): Promise<PrismChild> {
  const t0 = performance.now();
  const child = spawn(prismBin, ["mock", spec, "-h", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let listening = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stopper(child)();
      reject(new Error(`Prism did not start within 60 s. Its output:\n${output.slice(-2000)}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      // Prism logs every request: once listening, its output is drained and dropped.
      if (listening) return;
      output += chunk.toString();
      if (/Prism is listening on/.test(output)) {
        listening = true;
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolve({
          url: `http://127.0.0.1:${port}`,
          pid: child.pid as number,
          startMs: performance.now() - t0,
          stop: stopper(child),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Prism exited with code ${code} before listening. Its output:\n${output.slice(-2000)}`,
        ),
      );
    });
  });
}
