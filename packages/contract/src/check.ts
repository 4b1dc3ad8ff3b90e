/**
 * Runs the two spec gates on a written pact: the coverage gate, then the bi-directional
 * check. Exits 1 when either fails, printing what is wrong.
 *
 *   tsx src/check.ts [--spec openapi/user-extra.yaml] [--pact pacts/<consumer>-<provider>.json]
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { checkBidirectional, formatBidirectional } from "@user-extra/pact/check";
import { cliArgs, PACT_FILE, SPEC_FILE } from "./names";
import { checkCoverage, coverageOk, formatCoverage, readPact, readSpec } from "./spec-coverage";

const { values } = parseArgs({
  args: cliArgs(),
  options: {
    spec: { type: "string", default: SPEC_FILE },
    pact: { type: "string", default: PACT_FILE },
  },
});
const specFile = values.spec;
const pactFile = values.pact;

if (!existsSync(pactFile)) {
  console.error(
    `--pact ${pactFile}: no such file; run the consumer tests first (pnpm contract) or name a pact file`,
  );
  process.exit(1);
}

const coverage = checkCoverage(readSpec(specFile), readPact(pactFile));
console.log(formatCoverage(coverage));
const bidirectional = await checkBidirectional({ specFile, pactFile });
console.log(formatBidirectional(bidirectional));

process.exit(coverageOk(coverage) && bidirectional.ok ? 0 : 1);
