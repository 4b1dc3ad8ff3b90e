import { mkdir, readFile, symlink } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { cleanEnv, run } from "./exec.js";

/**
 * A folder holding a `pnpm` of the version the root package.json pins, to prepend to PATH:
 * `changeset publish` spawns `pnpm` by name, and this machine has no global pnpm (scripts use
 * `npx pnpm@X`). Resolved once through npx (which caches it), then called directly so that the
 * registry settings of each step do not send npx looking for pnpm on Verdaccio.
 */
export async function pnpmOnPath(
  root: string,
  binDir: string,
): Promise<{ version: string; path: string }> {
  const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    packageManager?: string;
  };
  const version = /^pnpm@(\d+\.\d+\.\d+)/.exec(manifest.packageManager ?? "")?.[1];
  if (!version)
    throw new Error(
      `package.json: "packageManager" should be "pnpm@<version>", got ${JSON.stringify(manifest.packageManager)}`,
    );
  const { stdout } = await run("npx", ["--yes", "-p", `pnpm@${version}`, "-c", "command -v pnpm"], {
    cwd: root,
    env: cleanEnv(),
  });
  const resolved = stdout.trim().split("\n").pop() ?? "";
  if (!resolved.startsWith("/"))
    throw new Error(`could not locate pnpm@${version} through npx (got "${resolved}")`);
  await mkdir(binDir, { recursive: true });
  await symlink(resolved, join(binDir, "pnpm"));
  return { version, path: `${binDir}${delimiter}${process.env.PATH ?? ""}` };
}
