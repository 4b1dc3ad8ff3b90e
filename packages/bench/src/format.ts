// Markdown tables (they read in a terminal and paste into a README as they are) and the
// number formats the tables use.

export type Cell = string | number | null | undefined;

export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => headers.map((_, i) => cellText(row[i])));
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...text.map((r) => (r[i] as string).length)),
  );
  // Right-align columns of numbers, with or without a unit ("1.2 ms", "3.4x", "±5%").
  const numeric = headers.map((_, i) =>
    rows.every(
      (r) =>
        r[i] == null ||
        typeof r[i] === "number" ||
        /^[±<>]?[\d.,]+(\s?\S{0,6})$/u.test(String(r[i])),
    ),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(headers), rule, ...text.map(line)].join("\n");
}

function cellText(cell: Cell): string {
  if (cell == null) return "–";
  return typeof cell === "number" ? fmtNumber(cell) : cell;
}

/** Thousands separators, and at most 3 significant decimals below 100. */
export function fmtNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  return n.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

export const fmtRatio = (r: number | null | undefined) => (r == null ? "–" : `${r.toFixed(2)}x`);

/** SI units (1 kB = 1000 B), as size-limit prints them. */
export function fmtBytes(bytes: number | null | undefined): string {
  if (bytes == null) return "–";
  if (Math.abs(bytes) < 1000) return `${Math.round(bytes)} B`;
  if (Math.abs(bytes) < 1e6) return `${(bytes / 1e3).toFixed(2)} kB`;
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

export function fmtDuration(ms: number | null | undefined): string {
  if (ms == null) return "–";
  if (ms < 0.001) return `${(ms * 1e6).toFixed(0)} ns`;
  if (ms < 1) return `${(ms * 1000).toFixed(2)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}
