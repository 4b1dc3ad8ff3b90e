import { hangGuards, sharedModules } from "@user-extra/testing/vitest";
import { defineConfig } from "vitest/config";

// `pnpm test`: the unit tests of the gates, on fixture pacts. The consumer tests that write the
// real pact have their own config (vitest.consumer.config.ts), run by `pnpm contract`.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/consumer/**"],
    env: { PACT_DO_NOT_TRACK: "true" },
    ...hangGuards,
    ...sharedModules,
  },
});
