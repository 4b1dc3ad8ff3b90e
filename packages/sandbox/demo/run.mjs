// `pnpm demo`: bundles demo.ts (with the sandbox's sources) into node_modules/.cache, where it
// resolves this package's dependencies, and runs it. Needs only @user-extra/types and
// @user-extra/client built (the turbo task `demo` depends on ^build).
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "tsup";

const outDir = fileURLToPath(new URL("../node_modules/.cache/sandbox-demo", import.meta.url));
await build({
  config: false,
  entry: { demo: fileURLToPath(new URL("demo.ts", import.meta.url)) },
  format: ["esm"],
  outDir,
  dts: false,
  clean: true,
  silent: true,
  external: ["@user-extra/client"],
});
const { runDemo } = await import(pathToFileURL(`${outDir}/demo.js`).href);
try {
  await runDemo();
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
