// Summarizes a V8 .cpuprofile (node --cpu-prof): self time per function, and inclusive time
// per function (self plus everything it called), so "where does the client spend its time"
// can be answered with file:line names instead of a flame graph.

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface FunctionTime {
  name: string;
  /** Share of all samples, in percent. */
  selfPercent: number;
  totalPercent: number;
}

/** "fn (file:line)", with the path shortened to what follows node_modules or the repo. */
export function frameName(f: ProfileNode["callFrame"]): string {
  const url = f.url
    .replace(/^file:\/\//, "")
    .replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "")
    .replace(/^.*\/packages\//, "packages/");
  const where = url ? `${url}:${f.lineNumber + 1}` : "native";
  return `${f.functionName || "(anonymous)"} (${where})`;
}

export function summarize(
  profile: CpuProfile,
  top = 25,
): { self: FunctionTime[]; total: FunctionTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const hits = new Map<number, number>();
  if (profile.samples?.length) {
    for (const s of profile.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  } else {
    for (const n of profile.nodes) hits.set(n.id, n.hitCount ?? 0);
  }
  let all = 0;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, count] of hits) {
    const node = byId.get(id);
    if (!node) continue;
    // Idle is waiting, not work; (program) and (garbage collector) are work and stay.
    if (node.callFrame.functionName === "(idle)") continue;
    const name = frameName(node.callFrame);
    all += count;
    self.set(name, (self.get(name) ?? 0) + count);
    // Each function on the stack once, however deep the recursion.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      const fn = frameName(n.callFrame);
      if (!seen.has(fn)) {
        seen.add(fn);
        total.set(fn, (total.get(fn) ?? 0) + count);
      }
    }
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({ name, selfPercent: (100 * n) / all, totalPercent: (100 * n) / all }));
  return {
    self: rank(self).map((f) => ({ ...f, totalPercent: (100 * (total.get(f.name) ?? 0)) / all })),
    total: rank(total).map((f) => ({ ...f, selfPercent: (100 * (self.get(f.name) ?? 0)) / all })),
  };
}
