import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("./package.json", "utf8")) as { version: string };

export default defineConfig({
  // The opt-in response validation is its own entry point, outside the core's size budget.
  entry: ["src/index.ts", "src/validate.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  // Maps carry their sources (sourcesContent): stack traces and debuggers show the TypeScript.
  sourcemap: true,
  target: "es2022",
  // Browsers and Node alike: no Node built-ins in src.
  platform: "neutral",
  define: { __VERSION__: JSON.stringify(version) },
});
