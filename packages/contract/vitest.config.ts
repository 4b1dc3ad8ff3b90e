import { defineConfig } from "vitest/config";

// `pnpm test`: the unit tests of the gates, on fixture pacts. The consumer tests that write the
// real pact have their own config (vitest.consumer.config.ts), run by `pnpm contract`.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/consumer/**"],
    env: { PACT_DO_NOT_TRACK: "true" },
    // Some tests spawn tsx or the Pact CLI; on a loaded 2-core machine (turbo runs the consumer
    // tests and verification beside them) 5 s is not enough. A ceiling, not a speed assertion.
    testTimeout: 30_000,
  },
});
