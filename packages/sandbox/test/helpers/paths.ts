import { fileURLToPath } from "node:url";

export const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));
/** Inside node_modules so the built files resolve the package's dependencies. */
export const BUILT_CLI_DIR = fileURLToPath(
  new URL("../../node_modules/.cache/sandbox-test-build", import.meta.url),
);
export const BUILT_CLI = `${BUILT_CLI_DIR}/cli.js`;
