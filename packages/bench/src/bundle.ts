// Benchmark 3: bundle size of the client's ESM build, with and without openapi-fetch, next to
// openapi-fetch alone and to a client that @hey-api/openapi-ts generates from the same spec,
// measured by size-limit (esbuild, minified; gzip) with .size-limit.json.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** Where the `generate` task writes the hey-api client (src/generated/ is never committed). */
export const HEY_API_DIR = fileURLToPath(new URL("../src/generated/hey-api", import.meta.url));

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const SIZE_LIMIT_BIN = fileURLToPath(new URL("../node_modules/.bin/size-limit", import.meta.url));

export interface BundleRow {
  name: string;
  minifiedBytes: number;
  gzippedBytes: number;
}

export interface BundleResult {
  tool: string;
  rows: BundleRow[];
}

/**
 * Pairs size-limit's entries named "<what> · min" and "<what> · min+gzip" into one row each,
 * in the config's order. An entry without its twin, or a failed check, is an error.
 */
export function pairSizes(
  entries: readonly { name: string; size?: number; passed?: boolean }[],
): BundleRow[] {
  const rows = new Map<string, Partial<BundleRow>>();
  for (const e of entries) {
    const m = /^(.*) · (min|min\+gzip)$/.exec(e.name);
    if (!m)
      throw new Error(
        `size-limit entry "${e.name}": expected a name ending in " · min" or " · min+gzip"`,
      );
    if (typeof e.size !== "number")
      throw new Error(`size-limit entry "${e.name}": no size in the output`);
    const name = m[1] as string;
    const row = rows.get(name) ?? { name };
    if (m[2] === "min") row.minifiedBytes = e.size;
    else row.gzippedBytes = e.size;
    rows.set(name, row);
  }
  return [...rows.values()].map((r) => {
    if (r.minifiedBytes === undefined || r.gzippedBytes === undefined) {
      throw new Error(
        `size-limit entry "${r.name}": needs both a " · min" and a " · min+gzip" entry`,
      );
    }
    return r as BundleRow;
  });
}

export async function runBundle(): Promise<BundleResult> {
  const { stdout } = await promisify(execFile)(SIZE_LIMIT_BIN, ["--json"], { cwd: PACKAGE_DIR });
  return {
    tool: "size-limit 12 + @size-limit/preset-small-lib (esbuild); hey-api 0.90",
    rows: pairSizes(JSON.parse(stdout)),
  };
}
