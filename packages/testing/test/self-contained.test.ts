// Nothing in the repository refers to a file outside it: a fresh clone (CI, a new team) has
// only what is tracked here.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
const tracked = execFileSync(
  "git",
  ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
  {
    cwd: root,
    encoding: "utf8",
  },
)
  .split("\0")
  .filter((f) => f && existsSync(join(root, f)));
const TEXT = /\.(md|ts|mts|cts|js|mjs|cjs|json|ya?ml|sh)$|(^|\/)scripts\/[^./]+$/;
const texts = tracked
  .filter((f) => TEXT.test(f) && f !== "pnpm-lock.yaml")
  .map((file) => ({ file, text: readFileSync(join(root, file), "utf8") }));

const outside = (from: string, target: string) => {
  const at = resolve(dirname(join(root, from)), target);
  return relative(root, at).startsWith("..") ? at : undefined;
};

describe("the repository is self-contained", () => {
  it("reads a real list of files", () => {
    expect(texts.map((t) => t.file)).toContain("README.md");
    expect(texts.length).toBeGreaterThan(100);
  });

  it("names no document kept outside it", () => {
    const hits = texts.flatMap(({ file, text }) =>
      text
        .split("\n")
        .flatMap((line, i) =>
          /\.\.\/shared\/|CONVENTIONS\.md/.test(line) &&
          file !== "packages/testing/test/self-contained.test.ts"
            ? [`${file}:${i + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(hits).toEqual([]);
  });

  it("has no Markdown link to a file outside it or to a file it lacks", () => {
    const broken = texts
      // The guides link to the site's built pages; the docs' browser test follows those links.
      .filter(({ file }) => file.endsWith(".md") && !file.startsWith("packages/docs/guides/"))
      .flatMap(({ file, text }) =>
        [...text.matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)]
          .map((m) => m[1] ?? "")
          .filter((target) => !/^[a-z]+:/i.test(target))
          .filter((target) => {
            if (outside(file, target)) return true;
            return !existsSync(resolve(dirname(join(root, file)), target));
          })
          .map((target) => `${file} -> ${target}`),
      );
    expect(broken).toEqual([]);
  });

  it("has no code that reads a path above the repository (new URL(..., import.meta.url))", () => {
    const escaping = texts
      .filter(({ file }) => /\.(ts|mts|cts|js|mjs|cjs)$/.test(file))
      .flatMap(({ file, text }) =>
        [...text.matchAll(/new URL\(\s*["'`](\.{1,2}\/[^"'`$]*)["'`]\s*,\s*import\.meta\.url/g)]
          .map((m) => m[1] ?? "")
          .filter((target) => outside(file, target))
          .map((target) => `${file} -> ${target}`),
      );
    expect(escaping).toEqual([]);
  });
});
