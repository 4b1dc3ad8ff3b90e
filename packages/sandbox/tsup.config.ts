import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    // Maps carry their sources (sourcesContent): stack traces and debuggers show the TypeScript.
    sourcemap: true,
    // import.meta.url (used to find the bundled spec) in the CommonJS build.
    shims: true,
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    sourcemap: true,
  },
]);
