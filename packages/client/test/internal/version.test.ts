import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { VERSION } from "../../src/index.js";

it("VERSION is package.json's version (injected at build time)", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  expect(VERSION).toBe(pkg.version);
});
