// Group commit: the writes of one turn of the event loop commit in one transaction, each is
// answered only once committed, and one write's failure is its own.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db.js";
import { loadBundledSpec, writableFields } from "../src/spec.js";
import { Store } from "../src/store.js";
import { WriteBatch } from "../src/write-batch.js";

const fields = writableFields(loadBundledSpec());
const dir = mkdtempSync(join(tmpdir(), "sandbox-batch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileStore(name: string) {
  const path = join(dir, name);
  const store = new Store(openDatabase(path, fields), fields);
  store.transaction(() => {
    for (let id = 10; id < 20; id++) store.putAccount(id, 1);
  });
  return { store, path };
}

describe("the write batch", () => {
  it("commits the writes of one turn together and answers each once another connection sees it", async () => {
    const { store, path } = fileStore("together.db");
    const batch = new WriteBatch(store);
    const other = new Database(path);
    try {
      const seen = (id: number) =>
        other.prepare("SELECT count(*) AS n FROM user_extra WHERE id = ?").get([id]) as {
          n: number;
        };
      const created = await Promise.all(
        [10, 11, 12].map((parent) =>
          batch
            .submit(() => store.createRecordJson(parent, 1, { city: `c${parent}` }))
            .then((r) => {
              if (typeof r === "string") throw new Error(r);
              // Answered: committed, so visible to any other connection.
              expect(store.db.inTransaction).toBe(false);
              expect(seen(r.id).n).toBe(1);
              return r.id;
            }),
        ),
      );
      expect(created).toHaveLength(3);
      expect(batch.grouped).toBe(3);
    } finally {
      other.close();
      store.close();
    }
  });

  it("answers a failed write with its own error and commits the others", async () => {
    const { store } = fileStore("failure.db");
    const batch = new WriteBatch(store);
    const results = await Promise.allSettled([
      batch.submit(() => store.createRecordJson(10, 1, {})),
      // The same parent again: refused by its UNIQUE constraint, answered as a 409.
      batch.submit(() => store.createRecordJson(10, 1, {})),
      batch.submit(() => {
        throw new Error("not a statement");
      }),
      batch.submit(() => store.createRecordJson(11, 1, {})),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect((results[1] as PromiseFulfilledResult<unknown>).value).toBe("parent-has-record");
    expect(store.countInOrganization(1)).toBe(2);
    store.close();
  });

  it("runs each write alone when the transaction cannot be had", async () => {
    const { store, path } = fileStore("busy.db");
    store.db.pragma("busy_timeout = 0");
    const batch = new WriteBatch(store);
    const holder = new Database(path);
    holder.exec("BEGIN IMMEDIATE");
    const writes = [
      batch.submit(() => store.createRecordJson(10, 1, {})),
      batch.submit(() => store.createRecordJson(11, 1, {})),
    ];
    // Settled while the other connection holds the write lock: each fails on its own.
    const results = await Promise.allSettled(writes);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    holder.exec("ROLLBACK");
    holder.close();
    const again = await Promise.all([
      batch.submit(() => store.createRecordJson(10, 1, {})),
      batch.submit(() => store.createRecordJson(11, 1, {})),
    ]);
    expect(again.every((r) => typeof r === "object")).toBe(true);
    expect(store.countInOrganization(1)).toBe(2);
    // (Not store.close(): the statements that failed busy are still open until collected, and
    // its checkpoint would find the table locked by them.)
    store.db.close();
  });
});

describe("writes through the sandbox, many at once", () => {
  it("answers each POST, PATCH and DELETE as alone: one 201 per parent, 409 for the rest", async () => {
    const { startSandbox } = await import("../src/index.js");
    const { call, TOKENS } = await import("./helpers/http.js");
    const sandbox = await startSandbox({
      tokens: TOKENS,
      quiet: true,
      database: join(dir, "http.db"),
      accounts: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String(200 + i), 1])),
    });
    try {
      const token = "token-org-1";
      // Twenty parents, each POSTed twice at once.
      const posts = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          call(sandbox, "POST", "/user_extra/", { token, body: { parent: 200 + (i % 20) } }),
        ),
      );
      expect(posts.filter((r) => r.status === 201)).toHaveLength(20);
      expect(posts.filter((r) => r.status === 409)).toHaveLength(20);
      const ids = posts
        .filter((r) => r.status === 201)
        .map((r) => r.body.id as number)
        .sort((x, y) => x - y);
      const patched = await Promise.all(
        ids.map((id) =>
          call(sandbox, "PATCH", `/user_extra/${id}/`, { token, body: { city: `City ${id}` } }),
        ),
      );
      expect(patched.map((r) => r.body.city)).toEqual(ids.map((id) => `City ${id}`));
      const deleted = await Promise.all(
        [...ids.slice(0, 5), ...ids.slice(0, 5)].map((id) =>
          call(sandbox, "DELETE", `/user_extra/${id}/`, { token }),
        ),
      );
      expect(deleted.map((r) => r.status).sort()).toEqual([
        ...Array(5).fill(204),
        ...Array(5).fill(404),
      ]);
      const page = await call(sandbox, "GET", "/user_extra/?limit=100", { token });
      expect(page.body.count).toBe(15);
      expect(page.body.results.map((r: { city: string }) => r.city)).toEqual(
        ids.slice(5).map((id) => `City ${id}`),
      );
    } finally {
      await sandbox.close();
    }
  });
});
