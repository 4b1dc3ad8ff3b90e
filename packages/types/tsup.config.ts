import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/operations.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  // Maps carry their sources (sourcesContent): stack traces and debuggers show the TypeScript.
  sourcemap: true,
});
