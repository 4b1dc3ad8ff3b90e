import { hangGuards } from "@user-extra/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/ once: the CLI, durability and demo tests run the built files as users do.
    globalSetup: ["./test/global-setup.ts"],
    ...hangGuards,
  },
});
