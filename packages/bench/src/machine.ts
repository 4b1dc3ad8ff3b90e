// The machine a run measured: benchmark numbers mean nothing without it.
import { cpus, freemem, loadavg, totalmem } from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  arch: string;
  /** 1-minute load average when the run started: a loaded machine gives noisier numbers. */
  loadAverage1m: number;
  freeMemoryGiB: number;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim().replace(/\s+/g, " ") ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node.js ${m.node} (${m.platform}/${m.arch}), load average ${m.loadAverage1m} at start`;
}
