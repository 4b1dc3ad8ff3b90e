import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const script = new URL("../scripts/broker.sh", import.meta.url).pathname;
const TOKEN = "broker-token-that-must-not-be-printed";
const run = (args: string[], env: Record<string, string>) => {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("PACT_BROKER_")),
  );
  const r = spawnSync("bash", [script, ...args], { env: { ...clean, ...env }, encoding: "utf8" });
  return { code: r.status, output: r.stdout + r.stderr };
};
const broker = {
  PACT_BROKER_BASE_URL: "http://127.0.0.1:9",
  PACT_BROKER_TOKEN: TOKEN,
  PACT_BROKER_DRY_RUN: "1",
};

describe("scripts/broker.sh", () => {
  it("runs can-i-deploy and record-deployment with the exact arguments, the token only in the environment", () => {
    const can = run(["can-i-deploy", "dashboard", "abc123", "production"], broker);
    expect(can).toEqual({
      code: 0,
      output:
        "pact-broker can-i-deploy --pacticipant dashboard --version abc123 --to-environment production --broker-base-url http://127.0.0.1:9\n",
    });
    const record = run(["record-deployment", "dashboard", "abc123", "production"], broker);
    expect(record.output).toBe(
      "pact-broker record-deployment --pacticipant dashboard --version abc123 --environment production --broker-base-url http://127.0.0.1:9\n",
    );
    expect(can.output + record.output).not.toContain(TOKEN);
  });

  it("refuses without a broker URL or a credential, and on bad usage (exit 2)", () => {
    const args = ["can-i-deploy", "dashboard", "abc123", "production"];
    const noUrl = run(args, {});
    expect(noUrl.code).toBe(2);
    expect(noUrl.output).toContain("PACT_BROKER_BASE_URL is not set");
    const noToken = run(args, { PACT_BROKER_BASE_URL: "http://127.0.0.1:9" });
    expect(noToken.code).toBe(2);
    expect(noToken.output).toContain("no credential");
    expect(run(["deploy", "a", "b", "c"], broker).output).toContain('unknown action "deploy"');
    expect(run(["can-i-deploy"], broker).output).toContain("expected 4 arguments, got 1");
  });
});
