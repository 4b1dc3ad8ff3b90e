import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The kit (consumer tests), the verifier's API and the spec checks: ESM and CommonJS, so
    // that a team's Jest or vitest setup alike can load them.
    entry: ["src/index.ts", "src/verify.ts", "src/check.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    // Maps carry their sources (sourcesContent): stack traces and debuggers show the TypeScript.
    sourcemap: true,
    // import.meta.url (used to find the bundled spec) in the CommonJS build.
    shims: true,
  },
  {
    entry: { "verify-cli": "src/cli/verify.ts", "check-cli": "src/cli/check.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    sourcemap: true,
  },
]);
