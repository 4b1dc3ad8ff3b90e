// The published bin, as a provider's CI runs it: exit codes, the failure lines, the JUnit report,
// and no token in any of them. Runs dist/ as built by turbo (`test` depends on `build`).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Sandbox, startSandbox } from "@user-extra/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDER_TOKEN_ENV } from "../src/verify";

const bin = new URL("../dist/verify-cli.js", import.meta.url).pathname;
const broken = new URL("fixtures/broken.pact.json", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "verify-cli-"));
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, providerStates: true, quiet: true });
});
afterAll(async () => {
  await sandbox.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  output: string;
}
function run(argv: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith("PACT_BROKER_") && k !== PROVIDER_TOKEN_ENV,
    ),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], {
      env: { ...clean, PACT_DO_NOT_TRACK: "true", ...env },
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
const remote = () => [
  "--provider-base-url",
  sandbox.origin,
  "--provider-states-url",
  sandbox.providerStatesUrl ?? "",
];

describe("user-extra-verify", () => {
  it("exits 2 on a token given as a flag, without printing it", async () => {
    const secret = "flag-token-that-must-not-show";
    const { code, output } = await run(["--pact", broken, ...remote(), "--token", secret]);
    expect(code).toBe(2);
    expect(output).toContain(`--token is not accepted`);
    expect(output).toContain(PROVIDER_TOKEN_ENV);
    expect(output).toContain("usage: user-extra-verify");
    expect(output).not.toContain(secret);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("exits 2 when the provider is unreachable, saying so in the output and the JUnit report", async () => {
    const junit = join(scratch, "unreachable.xml");
    const secret = "unreachable-token-never-shown";
    const { code, output } = await run(
      [
        "--pact",
        broken,
        "--provider-base-url",
        "http://127.0.0.1:9",
        "--provider-states-url",
        "http://127.0.0.1:9/s",
        "--junit",
        junit,
      ],
      { [PROVIDER_TOKEN_ENV]: secret },
    );
    expect(code).toBe(2);
    expect(output).toContain("the provider http://127.0.0.1:9 is unreachable");
    const report = readFileSync(junit, "utf8");
    expect(report).toContain('<failure message="http://127.0.0.1:9 is unreachable');
    expect(output + report).not.toContain(secret);
  });

  it("exits 1 with one line per failing interaction, naming consumer, interaction and difference; the token nowhere", async () => {
    const junit = join(scratch, "broken.xml");
    const { code, output } = await run(["--pact", broken, ...remote(), "--junit", junit], {
      [PROVIDER_TOKEN_ENV]: sandbox.demoToken,
    });
    expect(code, output).toBe(1);
    const pact = JSON.parse(readFileSync(broken, "utf8"));
    const lines = output.split("\n").filter((l) => l.startsWith("FAILED "));
    expect(lines).toHaveLength(pact.interactions.length);
    for (const interaction of pact.interactions) {
      const line = lines.find((l) => l.includes(`"${interaction.description}"`));
      expect(line, interaction.description).toMatch(
        new RegExp(`^FAILED ${pact.consumer.name}: ".+": .+`),
      );
    }
    // The creation's difference is the status the provider answered.
    expect(lines.find((l) => l.includes("creation"))).toMatch(/status: expected 201 but was 400/);
    const report = readFileSync(junit, "utf8");
    expect(report).toContain(
      `tests="${pact.interactions.length}" failures="${pact.interactions.length}"`,
    );
    expect(output + report).not.toContain(sandbox.demoToken);
  });

  it("exits 0 when every interaction is honoured, listing each in the JUnit report", async () => {
    // The broken pact's first interaction, expecting only what the state guarantees: id 1.
    const pact = JSON.parse(readFileSync(broken, "utf8"));
    const [first] = pact.interactions;
    first.response.body.content = { id: 1 };
    const file = join(scratch, "good.pact.json");
    writeFileSync(file, JSON.stringify({ ...pact, interactions: [first] }));
    const junit = join(scratch, "good.xml");
    const { code, output } = await run(["--pact", file, ...remote(), "--junit", junit], {
      [PROVIDER_TOKEN_ENV]: sandbox.demoToken,
    });
    expect(code, output).toBe(0);
    expect(output).toContain("honours 1 interaction(s) of 1 consumer(s)");
    const report = readFileSync(junit, "utf8");
    expect(report).toContain('tests="1" failures="0"');
    expect(report).toContain(first.description);
    expect(output + report).not.toContain(sandbox.demoToken);
  });
});
