#!/usr/bin/env node
// @ts-check
// The workspace's own type-checks (the `typecheck` tasks) run on TypeScript 7, the native port
// of the same checker: about a quarter of 5.9's CPU for each run. Everything that needs
// TypeScript's JavaScript API (tsup's declarations, openapi-typescript, attw) or stands for what
// a consumer compiles with (the packed-tarball and rehearsal checks) stays on 5.9.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const bin = join(dirname(require.resolve("typescript-native/package.json")), "bin", "tsc");
const result = spawnSync(process.execPath, [bin, ...process.argv.slice(2)], { stdio: "inherit" });
if (result.error) {
  process.stderr.write(`tsc-native: could not run ${bin}: ${result.error.message}\n`);
  process.exitCode = 1;
} else {
  process.exitCode = result.status ?? 1;
}
