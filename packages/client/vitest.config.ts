import { readFileSync } from "node:fs";
import { hangGuards, sharedModules } from "@user-extra/testing/vitest";
import { defineConfig } from "vitest/config";

const { version } = JSON.parse(readFileSync("./package.json", "utf8")) as { version: string };

export default defineConfig({
  define: { __VERSION__: JSON.stringify(version) },
  test: {
    include: ["test/**/*.test.ts"],
    ...hangGuards,
    ...sharedModules,
    // The type-level tests (test/**/*.test-d.ts) are compiled by the package's `typecheck` task
    // (tsc over src and test), where a failed expectTypeOf is a type error: running tsc a second
    // time inside vitest would only double the cost.
  },
});
