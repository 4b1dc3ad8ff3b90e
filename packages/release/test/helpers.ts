import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findWorkspaceRoot } from "../src/workspace-root.js";

export const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
export const WORKSPACE_ROOT = findWorkspaceRoot(PACKAGE_DIR);
export const REAL_SPEC = join(WORKSPACE_ROOT, "openapi", "user-extra.yaml");

/** A temporary folder, removed by the returned cleanup. */
export async function tempDir(
  prefix: string,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `user-extra-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A .changeset folder holding one changeset with these bumps (none when `bumps` is empty). */
export async function changesetDir(dir: string, bumps: Record<string, string>): Promise<string> {
  if (Object.keys(bumps).length > 0) {
    const front = Object.entries(bumps)
      .map(([pkg, bump]) => `"${pkg}": ${bump}`)
      .join("\n");
    await writeFile(join(dir, "brave-spec-change.md"), `---\n${front}\n---\n\nA spec change.\n`);
  }
  await writeFile(join(dir, "README.md"), "# Changesets\n");
  return dir;
}
