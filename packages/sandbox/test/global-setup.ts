// Builds the CLI (and the library entry, for the README example) once into a private folder (not dist/: other packages may be reading dist/
// while these tests run), so the tests that spawn processes run the code as users do.
import { build } from "tsup";
import { BUILT_CLI_DIR } from "./helpers/paths.js";

export default async function setup(): Promise<void> {
  await build({
    config: false,
    entry: { cli: "src/cli.ts", index: "src/index.ts" },
    format: ["esm"],
    outDir: BUILT_CLI_DIR,
    dts: false,
    clean: true,
    silent: true,
  });
}
