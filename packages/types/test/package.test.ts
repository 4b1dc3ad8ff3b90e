// The published artefact: the tarball npm would pack carries every file package.json points
// to, with complete source maps, attw finds no problem in it, and the operations entry runs
// from both builds. Needs `dist/` (turbo builds it before test).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { attwProblems, packPackage } from "@user-extra/testing/pack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { walkOperations } from "../src/operations.js";

const pkgDir = new URL("..", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as {
  exports: Record<string, string | Record<string, Record<string, string>>>;
  typesVersions: Record<string, Record<string, string[]>>;
};
/** Every file `exports` and `typesVersions` point to, relative to the package. */
const pointedTo = [
  ...Object.values(pkg.exports).flatMap((target) =>
    typeof target === "string" ? [target] : Object.values(target).flatMap(Object.values),
  ),
  ...Object.values(pkg.typesVersions).flatMap((map) => Object.values(map).flat()),
].map((file) => file.replace(/^\.\//, ""));

let packed: ReturnType<typeof packPackage> | undefined;

beforeAll(() => {
  packed = packPackage(pkgDir, pointedTo);
});

afterAll(() => packed?.remove());

describe("packed tarball", () => {
  it("ships every file exports and typesVersions name, and LICENSE", () => {
    expect(pointedTo.length).toBeGreaterThan(0);
    expect(packed?.files).toEqual(expect.arrayContaining([...pointedTo, "LICENSE"]));
  });

  it("ships a source map beside each built script, carrying every source it names", () => {
    const scripts = pointedTo.filter((f) => /\.c?js$/.test(f));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(packed?.files).toContain(`${script}.map`);
      const map = JSON.parse(readFileSync(join(pkgDir, `${script}.map`), "utf8")) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      expect(map.sources.length, script).toBeGreaterThan(0);
      expect(map.sourcesContent?.length, script).toBe(map.sources.length);
      expect(map.sourcesContent?.every((text) => typeof text === "string" && text.length > 0)).toBe(
        true,
      );
    }
  });

  it("attw (strict profile: node10, node16 CJS and ESM, bundler) finds no problem", () => {
    if (!packed) throw new Error("not packed");
    expect(attwProblems(pkgDir, packed.tarball)).toEqual({});
  });
});

describe("the operations entry at run time", () => {
  const spec = JSON.parse(
    readFileSync(new URL("../src/generated/openapi.json", import.meta.url), "utf8"),
  );
  const expected = walkOperations(spec).map((o) => `${o.method} ${o.path} ${o.operationId}`);
  const script = (load: string, spec: string) => `
    const { walkOperations } = ${load};
    const spec = ${spec};
    console.log(JSON.stringify(walkOperations(spec).map((o) => o.method + " " + o.path + " " + o.operationId)));`;

  it.each([
    [
      "ESM",
      "--input-type=module",
      'await import("@user-extra/types/operations")',
      '(await import("@user-extra/types/openapi.json", { with: { type: "json" } })).default',
    ],
    [
      "CJS",
      "--input-type=commonjs",
      'require("@user-extra/types/operations")',
      'require("@user-extra/types/openapi.json")',
    ],
  ])("the %s build walks the shipped spec as the source does", (_, type, load, spec) => {
    const out = execFileSync(process.execPath, [type, "-e", script(load, spec)], {
      cwd: pkgDir,
      encoding: "utf8",
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(JSON.parse(out)).toEqual(expected);
  });
});
