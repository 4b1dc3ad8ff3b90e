import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, run } from "../../src/rehearsal/exec.js";
import { type LocalRegistry, startRegistry } from "../../src/rehearsal/registry.js";
import { tempDir } from "../helpers.js";

// A real Verdaccio on loopback: publishing needs the token, nothing else is served.
describe("startRegistry", () => {
  let registry: LocalRegistry;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("verdaccio"));
    registry = await startRegistry(join(dir, "verdaccio"));
  });

  afterAll(async () => {
    await registry?.close();
    await cleanup?.();
  });

  async function publish(name: string, npmrc: string) {
    const pkg = join(dir, name.replace("/", "-"));
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, "package.json"), JSON.stringify({ name, version: "1.0.0" }));
    await writeFile(join(dir, `${name.replace("/", "-")}.npmrc`), npmrc);
    const env = cleanEnv({
      npm_config_userconfig: join(dir, `${name.replace("/", "-")}.npmrc`),
      npm_config_registry: registry.url,
    });
    return run("npm", ["publish", "--registry", registry.url], {
      cwd: pkg,
      env,
      timeoutMs: 60_000,
    });
  }

  it("listens on 127.0.0.1", () => {
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("hands out a JWT (checked by signature, not by the password's bcrypt hash per request)", () => {
    const [header] = registry.token.split(".");
    expect(registry.token.split(".")).toHaveLength(3);
    expect(JSON.parse(Buffer.from(header ?? "", "base64url").toString("utf8"))).toMatchObject({
      alg: expect.any(String),
    });
  });

  it("accepts a publish with the token and serves the package", async () => {
    const hostPath = registry.url.replace(/^http:/, "");
    await publish("@user-extra/probe", `${hostPath}:_authToken=${registry.token}\n`);
    const response = await fetch(`${registry.url}@user-extra%2fprobe`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { "dist-tags": { latest: string } };
    expect(body["dist-tags"].latest).toBe("1.0.0");
  });

  it("refuses a publish without credentials", async () => {
    await expect(publish("@user-extra/anonymous", "")).rejects.toThrow(/exited with/);
  });

  it("has no uplink: a package it was not given is not found", async () => {
    const response = await fetch(`${registry.url}left-pad`);
    expect(response.status).toBe(404);
  });
});
