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
    process.stderr.write(
      `user-extra-sandbox: ${error.message}\nRun user-extra-sandbox --help for the options.\n`,
    );
    process.exit(2);
  }
  if (command.kind === "help") {
    process.stdout.write(HELP);
    return;
  }

  // Signal handlers go in before the sandbox starts (and prints its banner), so a signal sent
  // as soon as the URL shows up still closes the database cleanly.
  let starting: Promise<Sandbox> | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`user-extra-sandbox: ${signal} again, exiting now.\n`);
      process.exit(1);
    }
    stopping = true;
    (starting ?? Promise.reject(new Error("not started")))
      .then((sandbox) => sandbox.close())
      .then(
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

  starting = startSandbox(command.options);
  try {
    await starting;
  } catch (error) {
    process.stderr.write(`user-extra-sandbox: ${(error as Error).message}\n`);
    process.exit(1);
  }
  if (!command.options.quiet) console.log("Press Ctrl+C to stop.");
}

main().catch((error: Error) => {
  process.stderr.write(`user-extra-sandbox: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
