// The README's first example is real code: run it and compare with what the README says it prints.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { BUILT_CLI_DIR, PACKAGE_DIR } from "./helpers/paths.js";

it("runs the first example of the README and prints what the README says", () => {
  const readme = readFileSync(join(PACKAGE_DIR, "README.md"), "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const promised = /prints `([^`]+)`/.exec(readme)?.[1];
  expect(code).toBeTruthy();
  expect(promised).toBeTruthy();
  // The example is plain JavaScript apart from the import of this package, which points at
  // the freshly built entry instead of dist/.
  const file = join(BUILT_CLI_DIR, "readme-example.mjs");
  writeFileSync(file, (code as string).replace('"@user-extra/sandbox"', '"./index.js"'));
  const result = spawnSync(process.execPath, [file], {
    cwd: PACKAGE_DIR,
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.stderr).toBe("");
  expect(result.stdout.trim()).toBe(promised);
});
