import { mkdirSync, rmSync } from "node:fs";
import { PACT_DIR } from "../../src/names";

// Each run writes the pact from nothing: an interaction deleted from the tests must disappear
// from the file (pact merges into an existing file), or the coverage gate would not see it.
export default function setup() {
  rmSync(PACT_DIR, { recursive: true, force: true });
  mkdirSync(PACT_DIR, { recursive: true });
}
