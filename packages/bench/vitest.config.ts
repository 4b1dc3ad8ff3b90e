import { hangGuards, sharedModules } from "@user-extra/testing/vitest";
import { defineConfig } from "vitest/config";

// Unit tests of the benchmark's helpers only: the benchmarks themselves are not tests.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], ...hangGuards, ...sharedModules },
});
