/** The names and places every part of the contract agrees on. */
import { fileURLToPath } from "node:url";

/** Stable names: the pact file's name and the broker's pacticipants derive from them. */
export const CONSUMER = "user-extra-client";
export const PROVIDER = "user-extra-api";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));

/** Where the consumer tests write the pact (cleared before each run). */
export const PACT_DIR = `${packageRoot}pacts`;
export const PACT_FILE = `${PACT_DIR}/${CONSUMER}-${PROVIDER}.json`;

/** The spec: the single source of truth the pact is checked against. */
export const SPEC_FILE = fileURLToPath(
  new URL("../../../openapi/user-extra.yaml", import.meta.url),
);

/** The command-line arguments; `pnpm run x -- --flag` passes the `--` through, so it is dropped. */
export function cliArgs(argv: string[] = process.argv.slice(2)): string[] {
  return argv[0] === "--" ? argv.slice(1) : argv;
}
