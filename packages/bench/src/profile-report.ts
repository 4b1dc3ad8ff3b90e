// What both profile scripts print: the .cpuprofile a run just wrote, summarized as self and
// inclusive time per function.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CpuProfile, summarize } from "./cpuprofile.js";
import { table } from "./format.js";

export const PROFILE_DIR = fileURLToPath(new URL("../results/profiles", import.meta.url));

/** The profiles already there, so that the one a run writes can be told apart. */
export function profilesBefore(): Set<string> {
  mkdirSync(PROFILE_DIR, { recursive: true });
  return new Set(readdirSync(PROFILE_DIR));
}

export function printNewProfile(before: Set<string>, heading: string, top?: number): void {
  const file = readdirSync(PROFILE_DIR).find((f) => f.endsWith(".cpuprofile") && !before.has(f));
  if (!file) throw new Error(`no new .cpuprofile in ${PROFILE_DIR}`);
  const profile = JSON.parse(readFileSync(join(PROFILE_DIR, file), "utf8")) as CpuProfile;
  const { self, total } = summarize(profile, top);
  console.log(`${heading}; profile ${join(PROFILE_DIR, file)}\n\nSelf time:\n`);
  console.log(
    table(
      ["function", "self %", "incl. %"],
      self.map((f) => [f.name, f.selfPercent.toFixed(1), f.totalPercent.toFixed(1)]),
    ),
  );
  console.log("\nInclusive time:\n");
  console.log(
    table(
      ["function", "incl. %", "self %"],
      total.map((f) => [f.name, f.totalPercent.toFixed(1), f.selfPercent.toFixed(1)]),
    ),
  );
}
