import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The nearest folder above `from` holding pnpm-workspace.yaml: the monorepo root. */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml in ${from} or any folder above it`);
    dir = parent;
  }
}
