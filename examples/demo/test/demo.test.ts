// The demo is the README's first command: check that it runs and says what it did.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runDemo } from "../src/demo.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
/** A hang guard for the spawned demo, far above what it takes on a busy machine. */
const PROCESS_HANG_GUARD_MS = 120_000;

const KEY_LINES = [
  /^Sandbox started at http:\/\/127\.0\.0\.1:\d+\/api\/v1$/,
  /^ {3}POST {2}created record #\d+: terms accepted, locale en_US$/,
  /^ {3}PATCH work: Software Engineer at Tech Solutions Inc; earlier fields kept \(city New York, gender f\)$/,
  /^ {3}read 1,001 profiles in 5 pages of up to 250$/,
  /^ {3}PUT {3}title "Software Engineer" -> "Senior Software Engineer"/,
  /^ {3}PUT {3}fields the CRM does not hold were sent as null and cleared: custom_field_3 "Team: Mobile" -> null/,
  /^ {3}POST for account 45 again -> ConflictError \(409\): A user extra record already exists for this parent user\.$/,
  /^ {3}GET {3}exported 31 keys .*device_info included/,
  /^ {3}DELETE record #\d+: erased$/,
  /^ {3}GET {3}#\d+ afterwards -> NotFoundError \(404\): Not found\.$/,
  /^Sandbox stopped; the temporary database and export were removed\.$/,
];

function expectKeyLines(lines: string[]): void {
  for (const pattern of KEY_LINES) {
    expect(
      lines.some((line) => pattern.test(line)),
      `no line matches ${pattern}\n${lines.join("\n")}`,
    ).toBe(true);
  }
  expect(lines.join("\n")).not.toMatch(/unexpected/);
}

it("runs every use case and reports each one", async () => {
  const lines: string[] = [];
  await runDemo((line) => lines.push(line));
  expectKeyLines(lines);
});

it("runs as `pnpm demo` does and exits 0", () => {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/run.ts"], {
    cwd: PACKAGE_DIR,
    encoding: "utf8",
    timeout: PROCESS_HANG_GUARD_MS,
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expectKeyLines(result.stdout.split("\n"));
});
