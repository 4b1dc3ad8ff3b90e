import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, startCli } from "./helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "sandbox-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function api(url: string, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe("user-extra-sandbox", () => {
  it("prints its usage with --help", () => {
    const result = runCli(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: user-extra-sandbox [options]");
    for (const flag of [
      "--port",
      "--host",
      "--db",
      "--tokens",
      "--seed",
      "--public-base-url",
      "--enable-provider-states",
    ]) {
      expect(result.stdout).toContain(flag);
    }
  });

  it("exits 2 with a clear message for a bad flag", () => {
    const result = runCli(["--port", "abc"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port expects an integer from 0 to 65535, got "abc".');
    expect(result.stderr).toContain("--help");
  });

  it("exits 1 naming the tokens file it cannot read", () => {
    const result = runCli(["--port", "0", "--db", ":memory:", "--tokens", join(dir, "nope.json")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Cannot read the tokens file .*nope\.json \(ENOENT\)/);
  });

  it("exits 1 with a clear message when the port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = runCli(["--port", String(port), "--db", ":memory:"]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it("prints the URL and the demo tokens, serves them, and stops cleanly on SIGTERM", async () => {
    const cli = await startCli(["--port", "0", "--db", join(dir, "term.db"), "--seed", "30"]);
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    const token = /demo token \(organization 1\): (\S+)/.exec(cli.output())?.[1] as string;
    expect(token).toBeTruthy();
    const list = await api(cli.url, "GET", "/user_extra/", token);
    expect(list.body.count).toBe(10);
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.output()).toContain("Stopped (SIGTERM); database closed.");
  });

  it("stops cleanly on SIGINT too", async () => {
    const cli = await startCli(["--port", "0", "--db", ":memory:"]);
    cli.child.kill("SIGINT");
    expect({ ...(await cli.exited), output: cli.output() }).toEqual({
      code: 0,
      signal: null,
      output: expect.stringContaining("Stopped (SIGINT)"),
    });
  });

  it("never prints configured tokens, and accepts them", async () => {
    const secret = "configured-secret-token";
    const file = join(dir, "tokens.json");
    // The extended form: tokens and the accounts a POST may name as parent.
    writeFileSync(file, JSON.stringify({ tokens: { [secret]: 9 }, accounts: { "1": 9 } }));
    const cli = await startCli(["--port", "0", "--db", ":memory:", "--tokens", file]);
    try {
      expect(cli.output()).toContain("tokens: 1 from");
      expect(cli.output()).not.toContain(secret);
      const created = await api(cli.url, "POST", "/user_extra/", secret, { parent: 1 });
      expect(created.status).toBe(201);
      const unknown = await api(cli.url, "POST", "/user_extra/", secret, { parent: 2 });
      expect(unknown.status).toBe(400);
      expect(
        (await api(cli.url, "GET", "/user_extra/?parent__organization_id=9", secret)).status,
      ).toBe(200);
    } finally {
      cli.child.kill("SIGTERM");
      await cli.exited;
    }
  });

  it("reads tokens from USER_EXTRA_SANDBOX_TOKENS", async () => {
    const cli = await startCli(["--port", "0", "--db", ":memory:"], {
      USER_EXTRA_SANDBOX_TOKENS: '{"env-token": 4}',
    });
    try {
      expect(cli.output()).toContain("tokens: 1 from USER_EXTRA_SANDBOX_TOKENS (not printed)");
      expect((await api(cli.url, "GET", "/user_extra/", "env-token")).status).toBe(200);
      expect((await api(cli.url, "GET", "/user_extra/", "demo-token-org-1")).status).toBe(401);
    } finally {
      cli.child.kill("SIGTERM");
      await cli.exited;
    }
  });

  it("keeps every acknowledged write across kill -9 and a restart", async () => {
    const db = join(dir, "durable.db");
    const first = await startCli(["--port", "0", "--db", db]);
    const token = "demo-token-org-1";
    const created = await api(first.url, "POST", "/user_extra/", token, {
      parent: 45,
      city: "New York",
    });
    expect(created.status).toBe(201);
    const patched = await api(first.url, "PATCH", `/user_extra/${created.body.id}/`, token, {
      title: "Lead",
    });
    expect(patched.status).toBe(200);
    const doomed = await api(first.url, "POST", "/user_extra/", token, { parent: 46 });
    expect((await api(first.url, "DELETE", `/user_extra/${doomed.body.id}/`, token)).status).toBe(
      204,
    );
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");

    const second = await startCli(["--port", "0", "--db", db]);
    try {
      const read = await api(second.url, "GET", `/user_extra/${created.body.id}/`, token);
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ ...created.body, title: "Lead" });
      expect((await api(second.url, "GET", `/user_extra/${doomed.body.id}/`, token)).status).toBe(
        404,
      );
      expect((await api(second.url, "POST", "/user_extra/", token, { parent: 45 })).status).toBe(
        409,
      );
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  });
});
