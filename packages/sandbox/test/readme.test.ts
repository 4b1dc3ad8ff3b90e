// The README's first example is real code: run it and compare with what the README says it prints.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { PROCESS_HANG_GUARD_MS } from "./helpers/cli.js";
import { PACKAGE_DIR } from "./helpers/paths.js";

it("runs the first example of the README and prints what the README says", () => {
  const readme = readFileSync(join(PACKAGE_DIR, "README.md"), "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const promised = /prints `([^`]+)`/.exec(readme)?.[1];
  expect(code).toBeTruthy();
  expect(promised).toBeTruthy();
  // The example is plain JavaScript. Run from the package's folder, its import of
  // "@user-extra/sandbox" resolves to this package's own dist/ (a package may import itself
  // by name through its `exports`), as a user's would resolve to the installed one.
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", code as string], {
    cwd: PACKAGE_DIR,
    encoding: "utf8",
    timeout: PROCESS_HANG_GUARD_MS,
  });
  expect(result.stderr).toBe("");
  expect(result.stdout.trim()).toBe(promised);
});
