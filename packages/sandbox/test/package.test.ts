// The published artefact: attw finds no problem in the tarball npm would pack, for every entry
// point package.json declares. Needs `dist/` (turbo builds it before test).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { attwProblems, packPackage } from "@user-extra/testing/pack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const pkgDir = new URL("..", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as {
  exports: Record<string, string | Record<string, Record<string, string>>>;
};
/** Every file `exports` points to, relative to the package. */
const pointedTo = Object.values(pkg.exports)
  .flatMap((target) =>
    typeof target === "string" ? [target] : Object.values(target).flatMap(Object.values),
  )
  .map((file) => file.replace(/^\.\//, ""));

let packed: ReturnType<typeof packPackage> | undefined;

beforeAll(() => {
  packed = packPackage(pkgDir, pointedTo);
});

afterAll(() => packed?.remove());

describe("packed tarball", () => {
  it("ships every file exports names", () => {
    expect(pointedTo.length).toBeGreaterThan(0);
    expect(packed?.files).toEqual(expect.arrayContaining(pointedTo));
  });

  it("attw (strict profile: node10, node16 CJS and ESM, bundler) finds no problem", () => {
    if (!packed) throw new Error("not packed");
    expect(attwProblems(pkgDir, packed.tarball)).toEqual({});
  });
});
