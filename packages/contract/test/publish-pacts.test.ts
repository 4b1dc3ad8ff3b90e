import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const script = new URL("../scripts/publish-pacts.sh", import.meta.url).pathname;
const TOKEN = "broker-token-that-must-not-be-printed";

interface Run {
  code: number | null;
  output: string;
}

/** Runs the script with only the given broker variables (none inherited from the caller). */
function run(env: Record<string, string>): Promise<Run> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("PACT_BROKER_")),
  );
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [script], { env: { ...clean, PACT_DO_NOT_TRACK: "true", ...env } });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** A stand-in broker on 127.0.0.1 that records what the Pact CLI sends it. */
interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}
let broker: Server;
let brokerUrl: string;
const received: Received[] = [];
let pactsDir: string;

beforeAll(async () => {
  pactsDir = mkdtempSync(join(tmpdir(), "publish-pacts-"));
  copyFileSync(
    new URL("fixtures/complete.pact.json", import.meta.url),
    join(pactsDir, "user-extra-client-user-extra-api.json"),
  );
  broker = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        authorization: req.headers.authorization,
        body,
      });
      res.setHeader("content-type", "application/hal+json");
      if (req.method === "GET" && req.url === "/") {
        res.end(
          JSON.stringify({
            _links: { "pb:publish-contracts": { href: `${brokerUrl}/contracts/publish` } },
          }),
        );
      } else if (req.method === "POST" && req.url === "/contracts/publish") {
        res.end(JSON.stringify({ notices: [{ type: "success", text: "published" }], _links: {} }));
      } else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
  });
  await new Promise<void>((resolve) => broker.listen(0, "127.0.0.1", resolve));
  brokerUrl = `http://127.0.0.1:${(broker.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => broker.close(resolve));
  rmSync(pactsDir, { recursive: true, force: true });
});

describe("scripts/publish-pacts.sh", () => {
  it("publishes nothing and succeeds, saying how to enable it, without PACT_BROKER_BASE_URL", async () => {
    const { code, output } = await run({ PACTS_DIR: pactsDir });
    expect(code).toBe(0);
    expect(output).toContain("PACT_BROKER_BASE_URL is not set, so nothing was published");
    expect(output).toContain("PACT_BROKER_TOKEN=<token>");
  });

  it("refuses a broker URL without a credential", async () => {
    const { code, output } = await run({ PACTS_DIR: pactsDir, PACT_BROKER_BASE_URL: brokerUrl });
    expect(code).toBe(1);
    expect(output).toContain("no credential is: set PACT_BROKER_TOKEN");
  });

  it("refuses a folder with no pact", async () => {
    const empty = mkdtempSync(join(tmpdir(), "publish-pacts-empty-"));
    const { code, output } = await run({
      PACTS_DIR: empty,
      PACT_BROKER_BASE_URL: brokerUrl,
      PACT_BROKER_TOKEN: TOKEN,
    });
    rmSync(empty, { recursive: true });
    expect(code).toBe(1);
    expect(output).toContain(`no pact in ${empty}`);
  });

  it("publishes with the Pact CLI as the commit on the branch, never printing the token", async () => {
    received.length = 0;
    const { code, output } = await run({
      PACTS_DIR: pactsDir,
      PACT_BROKER_BASE_URL: brokerUrl,
      PACT_BROKER_TOKEN: TOKEN,
      PACT_CONSUMER_APP_VERSION: "0123abcd",
      PACT_CONSUMER_BRANCH: "feature/contract",
    });
    expect(code, output).toBe(0);
    expect(output).not.toContain(TOKEN);
    const publish = received.find((r) => r.method === "POST" && r.url === "/contracts/publish");
    expect(publish?.authorization).toBe(`Bearer ${TOKEN}`);
    const body = JSON.parse(publish?.body ?? "{}");
    expect(body).toMatchObject({
      pacticipantName: "user-extra-client",
      pacticipantVersionNumber: "0123abcd",
      branch: "feature/contract",
      tags: ["feature/contract"],
    });
    expect(body.contracts).toHaveLength(1);
    expect(body.contracts[0]).toMatchObject({
      consumerName: "user-extra-client",
      providerName: "user-extra-api",
    });
  });
});
