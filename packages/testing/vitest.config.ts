import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test starts a vitest run of its own (a few seconds on a busy 2-core machine).
    testTimeout: 120_000,
  },
});
