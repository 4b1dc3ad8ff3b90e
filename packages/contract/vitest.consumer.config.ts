import { hangGuards } from "@user-extra/testing/vitest";
import { defineConfig } from "vitest/config";

// `pnpm contract`: the Pact consumer tests. Every test file merges its interactions into the
// same pact file, so files run one after another in a single worker (no concurrent writers).
export default defineConfig({
  test: {
    include: ["test/consumer/**/*.pact.test.ts"],
    globalSetup: ["test/consumer/global-setup.ts"],
    fileParallelism: false,
    // One module graph for all files: the Pact native core loads once, not once per file.
    isolate: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
    env: { PACT_DO_NOT_TRACK: "true" },
    ...hangGuards,
  },
});
