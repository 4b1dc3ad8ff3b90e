import { mkdirSync, rmSync } from "node:fs";
import { PACT_DIR } from "./pact";

// Pact merges into an existing file: each run writes the pact from nothing.
export default function setup() {
  rmSync(PACT_DIR, { recursive: true, force: true });
  mkdirSync(PACT_DIR, { recursive: true });
}
