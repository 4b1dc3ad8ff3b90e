import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The rehearsal test starts Verdaccio and installs packages: give it room.
    testTimeout: 30_000,
  },
});
