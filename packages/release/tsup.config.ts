import { defineConfig } from "tsup";

// Two CLIs, run by `pnpm breaking` and `pnpm rehearsal`; dependencies stay external.
export default defineConfig({
  entry: { breaking: "src/breaking.ts", rehearsal: "src/rehearsal.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  clean: true,
  sourcemap: false,
  skipNodeModulesBundle: true,
});
