// @ts-check
// Runs a test command (vitest, usually) so that it leaves nothing behind. The command gets a
// private temp folder (TMPDIR, TMP and TEMP: `os.tmpdir()` in the tests, in vitest itself and in
// every process they spawn points there) and a marker in its environment that every process it
// starts inherits. When the command ends, whether it passed, failed or was interrupted, the
// processes still running are stopped and the folder is removed. A run that passed but left a
// file or a process fails, naming each, so the leak gets fixed where it is made.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { leftovers } from "./leftovers.js";
import { killAll, markedProcesses } from "./processes.js";

export const MARKER = "USER_EXTRA_TEST_RUN";
const MAX_LISTED = 20;
/**
 * How long processes get to end after the command did (a hang guard, not a timing);
 * RUN_TESTS_GRACE_MS overrides it (run-tests' own tests, which leak on purpose, shorten it).
 */
const GRACE_MS = Number(process.env.RUN_TESTS_GRACE_MS) || 10_000;
/** How long an interrupted command gets to stop before it is killed. */
const STOP_MS = 15_000;
const SIGNALS = /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"]);
const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * The marked processes still running after `graceMs` (none once they have all ended).
 * @param {string} dir
 * @param {number} graceMs
 */
async function survivors(dir, graceMs) {
  const deadline = Date.now() + graceMs;
  let running = markedProcesses(MARKER, dir);
  while (running.length > 0 && Date.now() < deadline) {
    await sleep(50);
    running = markedProcesses(MARKER, dir);
  }
  return running;
}

/**
 * @param {string[]} command the command and its arguments
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<number>} the exit code to leave with
 */
export async function runTests(command, options = {}) {
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  const [file, ...args] = command;
  if (!file) {
    log("usage: run-tests <command> [args...]   e.g. run-tests vitest run");
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), "user-extra-test-run-"));
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    TMPDIR: dir,
    TMP: dir,
    TEMP: dir,
    [MARKER]: dir,
    // tsx keeps a compile cache in the temp folder by default: nothing to keep from a test run.
    TSX_DISABLE_CACHE: "1",
  };
  const child = spawn(file, args, { stdio: "inherit", env });

  /** @type {NodeJS.Signals | undefined} */
  let interrupted;
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => {
    interrupted ??= signal;
    child.kill(signal);
    setTimeout(() => child.kill("SIGKILL"), STOP_MS).unref();
  };
  for (const signal of SIGNALS) process.on(signal, forward);

  /** @type {number} */
  const code = await new Promise((resolve) => {
    child.on("error", (error) => {
      log(`run-tests: cannot run ${file}: ${error.message}`);
      resolve(127);
    });
    child.on("close", (status, signal) => resolve(status ?? (signal ? 128 : 1)));
  });
  for (const signal of SIGNALS) process.off(signal, forward);

  const processes = await survivors(dir, interrupted ? 0 : GRACE_MS);
  killAll(processes);
  const files = leftovers(dir, MAX_LISTED);
  rmSync(dir, { recursive: true, force: true });

  if (interrupted) return SIGNAL_CODES[/** @type {keyof typeof SIGNAL_CODES} */ (interrupted)];
  if (files.length === 0 && processes.length === 0) return code;
  const more = files.length >= MAX_LISTED ? " (or more)" : "";
  log(
    [
      `run-tests: ${command.join(" ")} left ${files.length} temp entr${files.length === 1 ? "y" : "ies"}${more} and ${processes.length} process(es) behind (removed now). Each test must remove what it creates and stop what it starts:`,
      ...files.map((f) => `  file    ${f}`),
      ...processes.map((p) => `  process ${p.pid}: ${p.command.slice(0, 160)}`),
    ].join("\n"),
  );
  return code === 0 ? 1 : code;
}
