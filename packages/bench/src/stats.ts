// Small statistics used to turn repeated measurements into numbers that survive a noisy
// machine: medians over interleaved rounds, and ratios computed per round.

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** `a / b`, or null when b is not a positive finite number (no ratio to report). */
export function ratio(a: number, b: number): number | null {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}

/**
 * The median of per-round ratios a[i] / b[i]. Both sides of one round ran back to back, so
 * their ratio cancels most of the machine's drift between rounds.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length) {
    throw new Error(
      `pairedRatio: ${a.length} values against ${b.length}; expected one pair per round`,
    );
  }
  const ratios = a.map((x, i) => ratio(x, b[i] as number)).filter((r): r is number => r !== null);
  return ratios.length ? median(ratios) : null;
}

/** Largest value minus the first one (the baseline), never negative. */
export function maxGrowth(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error("maxGrowth: no samples");
  const base = samples[0] as number;
  return Math.max(0, ...samples.map((s) => s - base));
}

/**
 * Least-squares slope of `y` against `x`: how much heap grows per record. A bounded iterator
 * shows a slope near zero; one that keeps every record shows the size of a record.
 */
export function slope(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length || x.length < 2) {
    throw new Error("slope: expected two equally long series of at least 2 points");
  }
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    num += dx * ((y[i] as number) - my);
    den += dx * dx;
  }
  return den === 0 ? 0 : num / den;
}
