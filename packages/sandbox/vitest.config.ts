import { hangGuards, sharedModules } from "@user-extra/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Checks that dist/ is built: the CLI, durability and demo tests run it as users do.
    globalSetup: ["./test/global-setup.ts"],
    ...hangGuards,
    ...sharedModules,
  },
});
