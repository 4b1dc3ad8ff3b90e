import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startSandboxProcess } from "../../src/rehearsal/sandbox-process.js";
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
});
