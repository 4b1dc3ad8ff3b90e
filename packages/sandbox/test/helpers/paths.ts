import { fileURLToPath } from "node:url";

export const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));
/** The built CLI, as the package ships it (turbo builds dist/ before the tests run). */
export const BUILT_CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
