// The CLI, durability and demo tests run the built files as users do: dist/, which turbo's
// build task writes before the test task starts (nothing rebuilds it during the tests).
import { existsSync } from "node:fs";
import { BUILT_CLI } from "./helpers/paths.js";

export default function setup(): void {
  if (!existsSync(BUILT_CLI)) {
    throw new Error(`${BUILT_CLI} is missing: run \`pnpm build\` (turbo runs it before test)`);
  }
}
