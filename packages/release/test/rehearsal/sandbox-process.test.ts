import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readStartupUrls, startSandboxProcess } from "../../src/rehearsal/sandbox-process.js";
import { tempDir } from "../helpers.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A project whose user-extra-sandbox bin runs `script` (a stand-in for the published one). */
async function projectWithBin(script: string): Promise<string> {
  const { dir, cleanup } = await tempDir("bin");
  cleanups.push(cleanup);
  await mkdir(join(dir, "node_modules", ".bin"), { recursive: true });
  const bin = join(dir, "node_modules", ".bin", "user-extra-sandbox");
  await writeFile(bin, `#!/usr/bin/env node\n${script}\n`);
  await chmod(bin, 0o755);
  return dir;
}

describe("startSandboxProcess", () => {
  it("waits for the URL the bin prints, and stop() ends the process", async () => {
    const dir = await projectWithBin(
      `process.on("SIGTERM", () => { console.log("bye"); process.exit(0); }); console.log("User Extra sandbox listening on http://127.0.0.1:45678/api/v1"); setInterval(() => {}, 1000);`,
    );
    const sandbox = await startSandboxProcess(dir, [], process.env);
    expect(sandbox.url).toBe("http://127.0.0.1:45678/api/v1");
    await sandbox.stop();
    expect(sandbox.output()).toContain("bye");
  });

  it("fails with the bin's output when it exits before listening", async () => {
    const dir = await projectWithBin(
      `console.error("user-extra-sandbox: --db is not writable"); process.exit(1);`,
    );
    await expect(startSandboxProcess(dir, [], process.env)).rejects.toThrow(
      /exited \(1\) before listening:\n.*--db is not writable/,
    );
  });

  it("with --enable-provider-states, also waits for the provider-state endpoint it prints later", async () => {
    const dir = await projectWithBin(
      `console.log("User Extra sandbox listening on http://127.0.0.1:45679/api/v1"); setTimeout(() => console.log("  provider states: POST http://127.0.0.1:45679/_pact/provider-states (testing only)"), 200); setInterval(() => {}, 1000);`,
    );
    const sandbox = await startSandboxProcess(dir, ["--enable-provider-states"], process.env);
    try {
      expect(sandbox.url).toBe("http://127.0.0.1:45679/api/v1");
      expect(sandbox.providerStatesUrl).toBe("http://127.0.0.1:45679/_pact/provider-states");
    } finally {
      await sandbox.stop();
    }
  });

  it("with --enable-provider-states, says when the endpoint never shows", async () => {
    const dir = await projectWithBin(
      `console.log("User Extra sandbox listening on http://127.0.0.1:45680/api/v1"); setInterval(() => {}, 1000);`,
    );
    await expect(
      startSandboxProcess(dir, ["--enable-provider-states"], process.env, 1_000),
    ).rejects.toThrow("the sandbox printed no provider-state endpoint within 1 s");
  });
});

describe("readStartupUrls", () => {
  it("reads the API URL and the provider-state endpoint from the start-up lines", () => {
    const output = [
      "User Extra sandbox listening on http://127.0.0.1:38795/api/v1",
      "  database: :memory:",
      "  provider states: POST http://127.0.0.1:38795/_pact/provider-states (testing only: teardown empties the database)",
    ].join("\n");
    expect(readStartupUrls(output)).toEqual({
      url: "http://127.0.0.1:38795/api/v1",
      providerStatesUrl: "http://127.0.0.1:38795/_pact/provider-states",
    });
    expect(readStartupUrls("User Extra sandbox listening on http://127.0.0.1:1/api/v1")).toEqual({
      url: "http://127.0.0.1:1/api/v1",
    });
    expect(readStartupUrls("starting...")).toEqual({});
  });
});
