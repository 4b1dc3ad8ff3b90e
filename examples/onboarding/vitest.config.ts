import { hangGuards } from "@user-extra/testing/vitest";
import { defineConfig } from "vitest/config";

// `pnpm contract`: the team's Pact consumer tests, one writer of pacts/ at a time.
export default defineConfig({
  test: {
    include: ["test/**/*.pact.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    fileParallelism: false,
    maxWorkers: 1,
    env: { PACT_DO_NOT_TRACK: "true" },
    ...hangGuards,
  },
});
