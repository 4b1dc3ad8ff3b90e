// @ts-check
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Every file and empty folder under `dir`, relative to it, at most `max` of them.
 * @param {string} dir
 * @param {number} [max]
 * @returns {string[]}
 */
export function leftovers(dir, max = 20) {
  /** @type {string[]} */
  const found = [];
  /** @param {string} at */
  const walk = (at) => {
    const entries = readdirSync(at, { withFileTypes: true });
    if (entries.length === 0 && at !== dir) found.push(`${relative(dir, at)}/`);
    for (const entry of entries) {
      if (found.length >= max) return;
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(dir, path));
    }
  };
  try {
    walk(dir);
  } catch {
    // Gone already: nothing left.
  }
  return found;
}
