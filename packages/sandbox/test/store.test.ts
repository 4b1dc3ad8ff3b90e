import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { afterAll, describe, expect, it } from "vitest";
import { fieldsJsonSql, openDatabase } from "../src/db.js";
import { loadBundledSpec, writableFields } from "../src/spec.js";
import { type FieldValues, Store } from "../src/store.js";

const fields = writableFields(loadBundledSpec());
const dir = mkdtempSync(join(tmpdir(), "sandbox-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freshStore(path = ":memory:") {
  const store = new Store(openDatabase(path, fields), fields);
  store.transaction(() => {
    store.putAccount(10, 1);
    store.putAccount(11, 1);
    store.putAccount(20, 2);
  });
  return store;
}

describe("the store", () => {
  it("keeps per-organization counts right through inserts, moves and deletes", () => {
    const store = freshStore();
    const a = store.insertRecord(10, { city: "A" });
    store.insertRecord(11, {});
    store.insertRecord(20, {});
    expect([store.countInOrganization(1), store.countInOrganization(2)]).toEqual([2, 1]);
    store.putAccount(10, 2); // moves record a with its account
    expect([store.countInOrganization(1), store.countInOrganization(2)]).toEqual([1, 2]);
    expect(store.getRecord(a)?.organizationId).toBe(2);
    store.deleteRecord(a);
    expect([store.countInOrganization(1), store.countInOrganization(2)]).toEqual([1, 1]);
    expect(store.list({ organizationId: 2, limit: 10, offset: 0 }).count).toBe(1);
    store.close();
  });

  it("listJson is the same page as list: same keys, order, values, nulls and booleans", () => {
    const store = freshStore();
    store.insertRecord(10, {
      gender: "f",
      age: 41,
      birthday: "1984-02-29",
      accept_terms: true,
      city: 'Quote " and \\ backslash',
      custom_field_8: "ünïcödé ✓",
    });
    store.insertRecord(11, { accept_terms: false });
    store.insertRecord(20, { city: "elsewhere" });
    for (const query of [
      { organizationId: 1, limit: 10, offset: 0 },
      { organizationId: 1, limit: 1, offset: 1 },
      { organizationId: 1, parent: 11, limit: 5, offset: 0 },
      { organizationId: 1, limit: 5, offset: 7 },
      { organizationId: 3, limit: 5, offset: 0 },
    ]) {
      const { count, records } = store.list(query);
      const fromSql = store.listJson(query);
      expect(fromSql.count).toBe(count);
      // Compared as text, so key order and JSON types count too.
      expect(fromSql.resultsJson).toBe(JSON.stringify(records));
    }
    expect(store.list({ organizationId: 1, limit: 10, offset: 0 }).records).toHaveLength(2);
    store.close();
  });

  it("listJson reads a page in parts of bytes that join into the same page as list", () => {
    const store = freshStore();
    store.transaction(() => {
      for (let i = 0; i < 40; i++) {
        store.putAccount(1000 + i, 1);
        store.insertRecord(1000 + i, { city: `Ville ${i} ✓`, age: i, accept_terms: i % 2 === 0 });
      }
    });
    for (const [limit, offset] of [
      [40, 0],
      [33, 5],
      [16, 16],
      [17, 0],
      [1, 39],
    ] as const) {
      const query = { organizationId: 1, limit, offset };
      const { parts } = store.listJsonParts(query);
      expect(parts).toHaveLength(Math.ceil(Math.min(limit, 40 - offset) / 16));
      expect(store.listJson(query).resultsJson).toBe(JSON.stringify(store.list(query).records));
    }
    store.close();
  });

  it("PATCH writes only the given columns; PUT resets the others", () => {
    const store = freshStore();
    const id = store.insertRecord(10, { city: "Rome", title: "Chef", accept_terms: true });
    store.updateFields(id, { title: "Head chef" });
    expect(store.getRecord(id)?.record).toMatchObject({
      city: "Rome",
      title: "Head chef",
      accept_terms: true,
    });
    store.replaceFields(id, { city: "Milan" });
    expect(store.getRecord(id)?.record).toMatchObject({
      city: "Milan",
      title: null,
      accept_terms: false,
    });
    store.close();
  });

  it("stores booleans as booleans and never hands out a deleted id again, until cleared", () => {
    const store = freshStore();
    const first = store.insertRecord(10, { accept_terms: true });
    expect(store.getRecord(first)?.record.accept_terms).toBe(true);
    store.deleteRecord(first);
    const second = store.insertRecord(11, {});
    expect(second).toBe(first + 1);
    store.transaction(() => store.clear());
    store.putAccount(10, 1);
    expect(store.insertRecord(10, {})).toBe(1);
    store.close();
  });

  it("recounts at start and adds columns a file lacks", () => {
    const path = join(dir, "old.db");
    const store = freshStore(path);
    store.insertRecord(10, { city: "Kept" });
    store.close();
    // Simulate a file from an older version: no counts, no kept JSON (nor its triggers, which
    // name every column), one column missing.
    const raw = new Database(path);
    raw.exec(`
      DELETE FROM organization_record_counts;
      DROP TRIGGER user_extra_json_insert;
      DROP TRIGGER user_extra_json_update;
      ALTER TABLE user_extra DROP COLUMN fields_json;
      DELETE FROM sandbox_layout;
      ALTER TABLE user_extra DROP COLUMN custom_field_8;
    `);
    raw.close();

    const reopened = new Store(openDatabase(path, fields), fields);
    expect(reopened.countInOrganization(1)).toBe(1);
    const record = reopened.list({ organizationId: 1, limit: 1, offset: 0 }).records[0];
    expect(record).toMatchObject({ city: "Kept", custom_field_8: null });
    const page = reopened.listJson({ organizationId: 1, limit: 1, offset: 0 });
    expect(JSON.parse(page.resultsJson)).toEqual([record]);
    reopened.close();
  });

  // NORMAL in WAL keeps every answered write through kill -9 (cli.test.ts checks it); only an
  // OS crash or power loss can lose the last commits.
  it("uses WAL and synchronous=NORMAL on a file", () => {
    const db = openDatabase(join(dir, "pragmas.db"), fields);
    // libsql answers a row object (not the bare value better-sqlite3's `simple` gives).
    expect(db.pragma("journal_mode", { simple: true })).toMatchObject({ journal_mode: "wal" });
    expect(db.pragma("synchronous", { simple: true })).toMatchObject({ synchronous: 1 });
    db.close();
  });
});

describe("opening a database", () => {
  it("names the file and the missing folder", () => {
    expect(() => openDatabase(join(dir, "no-such-folder", "x.db"), fields)).toThrow(
      /Cannot open the database file .*x\.db \(the folder .*no-such-folder does not exist\)/,
    );
  });

  it("names a file that is not a database", () => {
    const path = join(dir, "not-a-db.db");
    writeFileSync(path, "this is not SQLite, just text long enough to be read as a header....");
    expect(() => openDatabase(path, fields)).toThrow(
      /Cannot use the database file .*not-a-db\.db: file is not a database/,
    );
  });
});

describe("a clean stop", () => {
  it("checkpoints the WAL: a copy of the .db file alone holds every record", () => {
    const path = join(dir, "checkpoint.db");
    const store = freshStore(path);
    store.insertRecord(10, { city: "Kept" });
    store.insertRecord(20, {});
    store.close();
    const copy = join(dir, "copy.db");
    writeFileSync(copy, readFileSync(path));
    const db = new Database(copy);
    try {
      const rows = db.prepare("SELECT city FROM user_extra ORDER BY id").all([]) as {
        city: unknown;
      }[];
      expect(rows.map((r) => r.city)).toEqual(["Kept", null]);
    } finally {
      db.close();
    }
  });
});

describe("what the list's cache relies on", () => {
  it("PATCH writes the kept JSON in its UPDATE, equal to the one built from the columns", () => {
    const store = freshStore();
    const id = store.insertRecord(10, { city: "Rome", accept_terms: true, age: 30 });
    const rebuilt = store.db.prepare(
      `SELECT fields_json = ${fieldsJsonSql(fields)} AS same, fields_json AS kept FROM user_extra WHERE id = ?`,
    );
    const changes: FieldValues[] = [
      { city: "Milan", accept_terms: false },
      { age: 2 ** 52, birthday: "1990-01-31" },
      { city: null, age: null, accept_terms: true },
      { city: 'Quote " ünïcödé ✓', gender: "f" },
      // The values already stored: nothing changes, nothing is rebuilt.
      { city: 'Quote " ünïcödé ✓', gender: "f" },
    ];
    for (const values of changes) {
      const answered = store.updateRecordJson(id, 1, values);
      const row = rebuilt.get([id]) as { same: number; kept: string };
      expect(row.same).toBe(1);
      expect(JSON.parse(answered?.json ?? "")).toEqual(store.getRecord(id)?.record);
      expect(JSON.parse(answered?.json ?? "")).toMatchObject(values);
    }
    // Another writer that sets a column alone: the trigger rebuilds the JSON.
    store.db.prepare("UPDATE user_extra SET title = 'Set by hand' WHERE id = ?").run([id]);
    expect((rebuilt.get([id]) as { same: number }).same).toBe(1);
    expect(store.recordJson(id)?.json).toContain('"title":"Set by hand"');
    store.close();
  });

  it("changes an organization's revision with every write to its records, from any connection", () => {
    const path = join(dir, "revision.db");
    const store = freshStore(path);
    const other = new Database(path);
    try {
      const revisions = new Set<number | undefined>();
      const step = (write: () => void) => {
        const before = store.listRevision(1);
        write();
        const after = store.listRevision(1);
        expect(after).not.toBe(before);
        revisions.add(after);
      };
      expect(store.listRevision(1)).toBeUndefined();
      let id = 0;
      step(() => {
        id = store.insertRecord(10, { city: "A" });
      });
      step(() => store.updateRecordJson(id, 1, { city: "B" }));
      step(() => store.updateFields(id, { title: "T" }));
      step(() => other.prepare("UPDATE user_extra SET city = 'C' WHERE id = ?").run([id]));
      step(() => store.insertRecord(11, {}));
      step(() => other.prepare("DELETE FROM user_extra WHERE parent = 11").run([]));
      step(() => store.putAccount(10, 2)); // the record moves to organization 2
      expect(store.countInOrganization(1)).toBe(0);
      expect(revisions.size).toBe(7);
      // Another organization's writes leave it alone.
      const before = store.listRevision(1);
      store.updateRecordJson(id, 2, { city: "D" });
      expect(store.listRevision(1)).toBe(before);
      // A teardown empties the organization: its count is 0 and its revision goes on.
      store.transaction(() => store.clear());
      expect(store.countInOrganization(1)).toBe(0);
      expect(store.listRevision(2)).not.toBeUndefined();
    } finally {
      other.close();
      store.close();
    }
  });
});
