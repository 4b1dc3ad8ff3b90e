// The list's page cache is invisible: a page answered again is the page the database holds
// now, whoever wrote since (this sandbox, another connection, another process on the file).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../src/index.js";
import { call, rawCall, TOKENS } from "./helpers/http.js";

const dir = mkdtempSync(join(tmpdir(), "sandbox-list-cache-"));
const path = join(dir, "cache.db");
const ORG1 = "token-org-1";
let sandbox: Sandbox;
let other: Database.Database;

beforeAll(async () => {
  sandbox = await startSandbox({
    tokens: TOKENS,
    quiet: true,
    database: path,
    accounts: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [String(100 + i), 1])),
  });
  for (const parent of [100, 101, 102]) {
    const reply = await call(sandbox, "POST", "/user_extra/", {
      token: ORG1,
      body: { parent, city: `City ${parent}` },
    });
    expect(reply.status).toBe(201);
  }
  other = new Database(path);
});
afterAll(async () => {
  other.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const list = async (query = "?limit=2") => {
  const reply = await call(sandbox, "GET", `/user_extra/${query}`, { token: ORG1 });
  expect(reply.status).toBe(200);
  return reply.body;
};
const cities = (page: { results: { city: string | null }[] }) => page.results.map((r) => r.city);

describe("a cached list page", () => {
  it("is answered again as it was while nothing changed", async () => {
    const first = await list();
    expect(await list()).toEqual(first);
    expect(first.count).toBe(3);
  });

  it("shows a write through this sandbox at once (PATCH, POST, DELETE)", async () => {
    const first = await list();
    const id = first.results[0].id;
    await call(sandbox, "PATCH", `/user_extra/${id}/`, { token: ORG1, body: { city: "Patched" } });
    expect(cities(await list())[0]).toBe("Patched");
    const created = await call(sandbox, "POST", "/user_extra/", {
      token: ORG1,
      body: { parent: 103 },
    });
    expect((await list()).count).toBe(4);
    await call(sandbox, "DELETE", `/user_extra/${created.body.id}/`, { token: ORG1 });
    const after = await list();
    expect(after.count).toBe(3);
    expect(after.next).toMatch(/offset=2/);
  });

  it("shows a write by another connection to the file (as another process's would be)", async () => {
    const first = await list();
    const id = first.results[1].id;
    other.prepare("UPDATE user_extra SET city = 'Written elsewhere' WHERE id = ?").run([id]);
    expect(cities(await list())[1]).toBe("Written elsewhere");
    other.prepare("DELETE FROM user_extra WHERE id = ?").run([id]);
    const after = await list();
    expect(after.count).toBe(2);
    expect(after.results.map((r: { id: number }) => r.id)).not.toContain(id);
    expect(after.next).toBeNull();
  });

  it("is kept per query and per base URL: links follow each request's Host", async () => {
    const a = await rawCall(sandbox, "GET", "/user_extra/?limit=1", {
      authorization: `Bearer ${ORG1}`,
      host: "a.example:8000",
    });
    const b = await rawCall(sandbox, "GET", "/user_extra/?limit=1", {
      authorization: `Bearer ${ORG1}`,
      host: "b.example:9000",
    });
    expect(a.body.next).toBe("http://a.example:8000/api/v1/user_extra/?limit=1&offset=1");
    expect(b.body.next).toBe("http://b.example:9000/api/v1/user_extra/?limit=1&offset=1");
    const withDevice = await list("?limit=1&device_info=true");
    expect(withDevice.results[0].device_info).toBeDefined();
    expect((await list("?limit=1")).results[0].device_info).toBeUndefined();
  });

  it("answers a big page (sent in parts) with the records of the smaller pages it spans", async () => {
    const seeded = await startSandbox({ tokens: TOKENS, quiet: true, seed: 600 });
    try {
      const get = async (query: string) =>
        (await call(seeded, "GET", `/user_extra/${query}`, { token: ORG1 })).body;
      const big = await get("?limit=200");
      const halves = [await get("?limit=100"), await get("?limit=100&offset=100")];
      expect(JSON.stringify(big).length).toBeGreaterThan(64 * 1024);
      expect(big.results).toEqual([...halves[0].results, ...halves[1].results]);
      expect(big.count).toBe(halves[0].count);
      // Again, from the cache: the same bytes.
      expect(await get("?limit=200")).toEqual(big);
    } finally {
      await seeded.close();
    }
  });
});
