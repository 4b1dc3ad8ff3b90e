import { defineConfig } from "vitest/config";
import { hangGuards } from "./src/vitest.js";

export default defineConfig({
  test: { include: ["test/**/*.test.ts"], ...hangGuards },
});
