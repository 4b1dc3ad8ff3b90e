// @ts-check
// The published artefact as a package's tests see it: packed once, as `npm publish` would pack
// it, into a private temp folder, and checked with attw (Are The Types Wrong). Shared so that
// every published package's test packs and reads attw the same way.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

const env = { ...process.env, npm_config_update_notifier: "false", NO_COLOR: "1" };

/**
 * Packs the package at `pkgDir` (lifecycle scripts off: turbo has built it) into a new temp
 * folder; `remove()` deletes that folder. `built` names files under dist/ the package points
 * to: a missing one is refused before packing, saying to build first.
 * @param {string} pkgDir
 * @param {readonly string[]} [built]
 * @returns {{ tarball: string, files: string[], remove: () => void }}
 */
export function packPackage(pkgDir, built = []) {
  const missing = built.filter((f) => f.startsWith("dist/") && !existsSync(join(pkgDir, f)));
  if (missing.length > 0) {
    throw new Error(`dist/ lacks ${missing.join(", ")}: run \`pnpm build\` (turbo runs it first)`);
  }
  const dir = mkdtempSync(join(tmpdir(), `${basename(pkgDir)}-pack-`));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const out = execFileSync(
      "npm",
      ["pack", "--ignore-scripts", "--json", "--pack-destination", dir],
      { cwd: pkgDir, env, encoding: "utf8" },
    );
    const [info] = /** @type {{ filename: string, files: { path: string }[] }[]} */ (
      JSON.parse(out)
    );
    if (!info) throw new Error(`npm pack printed no result for ${pkgDir}`);
    return { tarball: join(dir, info.filename), files: info.files.map((f) => f.path), remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * attw's problems with a tarball under its default (strict) profile: node10, node16 from CJS
 * and from ESM, bundler, for every entry point `exports` declares. Keyed by problem kind;
 * `{}` when there is none. Runs the package's own attw (its devDependency).
 * @param {string} pkgDir
 * @param {string} tarball
 * @returns {Record<string, unknown[]>}
 */
export function attwProblems(pkgDir, tarball) {
  const bin = join(pkgDir, "node_modules", ".bin", "attw");
  let out;
  try {
    out = execFileSync(bin, [tarball, "--format", "json"], { env, encoding: "utf8" });
  } catch (error) {
    // attw exits 1 when it finds a problem; its verdict is still the JSON on stdout.
    out = String(/** @type {{ stdout?: string }} */ (error).stdout ?? "");
    if (!out) throw error;
  }
  return /** @type {{ problems: Record<string, unknown[]> }} */ (JSON.parse(out)).problems;
}
