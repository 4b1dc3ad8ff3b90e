#!/usr/bin/env node
/**
 * user-extra-pact-check: checks pact files against the spec (bi-directional): every request a
 * pact records must be one the spec accepts, every response one it allows. The spec defaults to
 * the one @user-extra/types bundles. Exit codes: 0 compatible, 1 not, 2 bad usage.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { checkBidirectional, formatBidirectional } from "../check/bidirectional.js";
import { bundledSpecFile } from "../check/spec.js";

const USAGE =
  "usage: user-extra-pact-check --pact FILE [--pact FILE ...] [--spec openapi.yaml|json]";
const fail = (message: string): never => {
  console.error(`user-extra-pact-check: ${message}\n${USAGE}`);
  process.exit(2);
};

let values: { pact?: string[]; spec?: string };
try {
  const argv = process.argv.slice(2);
  values = parseArgs({
    args: argv[0] === "--" ? argv.slice(1) : argv,
    options: { pact: { type: "string", multiple: true }, spec: { type: "string" } },
  }).values;
} catch (error) {
  fail((error as Error).message.split("\n")[0] ?? "bad arguments");
  throw error;
}
const pacts = values.pact ?? [];
if (pacts.length === 0) fail("no pact to check: give --pact FILE");
const specFile = values.spec ?? bundledSpecFile();
if (!existsSync(specFile)) fail(`--spec ${specFile}: no such file`);
for (const pact of pacts)
  if (!existsSync(pact)) fail(`--pact ${pact}: no such file; run the consumer tests first`);

let ok = true;
for (const pactFile of pacts) {
  try {
    const result = await checkBidirectional({ specFile, pactFile });
    console.log(`${pactFile}: ${formatBidirectional(result)}`);
    ok &&= result.ok;
  } catch (error) {
    fail(`${pactFile}: ${(error as Error).message}`);
  }
}
process.exit(ok ? 0 : 1);
