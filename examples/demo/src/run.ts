// `pnpm demo`: runs the end-to-end demo against the built sandbox and client, and exits 1 with
// one line (no stack trace) if a step fails.
import { runDemo } from "./demo.js";

try {
  await runDemo();
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
