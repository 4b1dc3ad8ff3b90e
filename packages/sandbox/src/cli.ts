#!/usr/bin/env node
// user-extra-sandbox: starts the sandbox and stops it cleanly on SIGINT/SIGTERM.
import { HELP, parseCli, UsageError } from "./args.js";
import { type Sandbox, startSandbox } from "./sandbox.js";

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCli>;
  try {
    command = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`user-extra-sandbox: ${error.message}\nRun user-extra-sandbox --help for the options.\n`);
    process.exit(2);
  }
  if (command.kind === "help") {
    process.stdout.write(HELP);
    return;
  }

  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox(command.options);
  } catch (error) {
    process.stderr.write(`user-extra-sandbox: ${(error as Error).message}\n`);
    process.exit(1);
  }
  if (!command.options.quiet) console.log("Press Ctrl+C to stop.");

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`user-extra-sandbox: ${signal} again, exiting now.\n`);
      process.exit(1);
    }
    stopping = true;
    sandbox.close().then(
      () => {
        if (!command.options.quiet) console.log(`Stopped (${signal}); database closed.`);
        process.exit(0);
      },
      (error: Error) => {
        process.stderr.write(`user-extra-sandbox: error while stopping: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: Error) => {
  process.stderr.write(`user-extra-sandbox: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
