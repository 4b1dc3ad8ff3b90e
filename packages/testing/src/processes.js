// @ts-check
// Processes a test run started, found by a marker in their environment: every process the
// tests spawn inherits it, even after its parent died and it was re-parented (Linux /proc).
import { readdirSync, readFileSync } from "node:fs";

/** @typedef {{ pid: number; command: string }} MarkedProcess */

/**
 * The processes (other than this one) whose environment holds `name=value`.
 * @param {string} name
 * @param {string} value
 * @returns {MarkedProcess[]}
 */
export function markedProcesses(name, value) {
  let pids;
  try {
    pids = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return []; // No /proc (macOS): nothing to find.
  }
  const marker = `${name}=${value}`;
  /** @type {MarkedProcess[]} */
  const found = [];
  for (const entry of pids) {
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(marker)) continue;
      if (!isRunning(pid)) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
      found.push({ pid, command: command || "?" });
    } catch {
      // Ended meanwhile, or not ours to read.
    }
  }
  return found;
}

/** @param {MarkedProcess[]} processes */
export function killAll(processes) {
  for (const { pid } of processes) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/**
 * Whether `pid` is running (a zombie, ended but not yet reaped, is not).
 * @param {number} pid
 */
export function isRunning(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
}
