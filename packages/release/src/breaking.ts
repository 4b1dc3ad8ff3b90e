#!/usr/bin/env node
// Breaking-change check: `node dist/breaking.js [--base FILE] [--registry URL] [--spec FILE]
// [--changesets DIR] [--verbose]`. Exit 0 when the pending changesets cover the spec's changes.
import { parseArgs } from "node:util";
import { runBreakingCheck } from "./breaking/check.js";
import { findWorkspaceRoot } from "./workspace-root.js";

const USAGE = `Usage: breaking [--base FILE] [--registry URL] [--spec FILE] [--changesets DIR] [--root DIR] [--verbose]

Compares openapi/user-extra.yaml with the spec of the last release and fails when a difference
is not covered by a pending changeset (breaking -> major, addition -> minor) for
@user-extra/types and @user-extra/client.
Baseline, first found: --base FILE; --registry URL (the published @user-extra/types);
the newest @user-extra/types@* git tag; the merge-base with origin/main.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      base: { type: "string" },
      registry: { type: "string" },
      spec: { type: "string" },
      changesets: { type: "string" },
      root: { type: "string" },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const result = await runBreakingCheck({
    root: values.root ?? findWorkspaceRoot(),
    spec: values.spec,
    base: values.base,
    registry: values.registry,
    changesets: values.changesets,
    verbose: values.verbose,
  });
  console.log(result.output);
  return result.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `breaking-change check: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 2;
  },
);
