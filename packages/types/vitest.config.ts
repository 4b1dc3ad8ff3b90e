import { hangGuards } from "@user-extra/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    ...hangGuards,
    // The type-level tests (test/**/*.test-d.ts) are compiled by the package's `typecheck` task
    // (tsc over src and test), where a failed expectTypeOf is a type error: running tsc a second
    // time inside vitest would only double the cost.
  },
});
