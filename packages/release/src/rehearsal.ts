#!/usr/bin/env node
// Release rehearsal: `node dist/rehearsal.js [--keep] [--root DIR]`. Exit 0 when every step passed.
import { parseArgs } from "node:util";
import { rehearse } from "./rehearsal/rehearse.js";
import { StepError } from "./rehearsal/steps.js";
import { findWorkspaceRoot } from "./workspace-root.js";

const USAGE = `Usage: rehearsal [--keep] [--root DIR]

Versions and publishes @user-extra/types, client, sandbox and pact from a throwaway copy of
the workspace to a local Verdaccio, installs them in fresh projects, type-checks a TypeScript
consumer and runs a create/get/patch/delete cycle as ESM and CJS against the published sandbox;
then a team project writes a pact with the installed kit (vitest) and verifies it with the
installed user-extra-verify against that sandbox (and a tampered copy must fail).
--keep keeps the temporary folder (removed otherwise, whether the rehearsal passes, fails
or is interrupted).`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      keep: { type: "boolean", default: false },
      root: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    const report = await rehearse({ root: values.root ?? findWorkspaceRoot(), keep: values.keep });
    console.log(`\nRehearsal passed in ${report.seconds.toFixed(1)} s.`);
    return 0;
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    console.error(`\nRehearsal FAILED at step "${error.step}": ${error.reason}`);
    if (error.output.trim())
      console.error(`--- output of "${error.step}" ---\n${error.output.trimEnd()}\n---`);
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `rehearsal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 2;
  },
);
