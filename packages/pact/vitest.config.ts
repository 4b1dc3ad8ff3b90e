import { hangGuards, sharedModules } from "@user-extra/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    env: { PACT_DO_NOT_TRACK: "true" },
    ...hangGuards,
    ...sharedModules,
  },
});
