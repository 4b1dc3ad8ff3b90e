// Opens the embedded SQLite database (libsql, better-sqlite3's API) and lays out its tables.
// The record table's columns are the spec's writable fields, so a field added to the spec
// becomes a column at the next start (added to an existing file with ALTER TABLE).
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import Database from "libsql";
import type { FieldInfo } from "./spec.js";

export type Db = Database.Database;

const SQL_TYPES: Record<FieldInfo["type"], string> = {
  string: "TEXT",
  integer: "INTEGER",
  number: "REAL",
  boolean: "INTEGER",
};

function columnDefinition(field: FieldInfo): string {
  const type = SQL_TYPES[field.type];
  if (field.resetValue === null) return `${field.name} ${type}`;
  const value =
    typeof field.resetValue === "boolean"
      ? Number(field.resetValue)
      : typeof field.resetValue === "number"
        ? field.resetValue
        : `'${String(field.resetValue).replace(/'/g, "''")}'`;
  return `${field.name} ${type} NOT NULL DEFAULT ${value}`;
}

/**
 * Opens `path` (a file, created if missing, or ":memory:") with the settings that keep an
 * acknowledged write through a process kill: WAL journal with synchronous=NORMAL, and a busy
 * timeout so two processes sharing a file wait for each other instead of failing.
 *
 * In WAL mode a commit is appended to the -wal file before the write is answered; NORMAL only
 * skips the fsync at each commit (the WAL is fsynced at checkpoints). A `kill -9` of the
 * sandbox loses nothing it answered, since the operating system still holds the written
 * pages; only an OS crash or a power loss can lose the last commits (never corrupt the file).
 * FULL would fsync every commit: ~1.7 ms per write here against ~0.04 ms, for a guarantee a
 * sandbox does not need.
 */
export function openDatabase(path: string, fields: FieldInfo[]): Db {
  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    const folder = dirname(path);
    const hint = existsSync(folder) ? "" : ` (the folder ${folder} does not exist)`;
    throw new Error(`Cannot open the database file ${path}${hint}: ${(error as Error).message}`);
  }
  try {
    if (path !== ":memory:") db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    migrate(db, fields);
  } catch (error) {
    db.close();
    throw new Error(`Cannot use the database file ${path}: ${(error as Error).message}`);
  }
  return db;
}

function migrate(db: Db, fields: FieldInfo[]): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS organizations (id INTEGER PRIMARY KEY);
    CREATE TABLE IF NOT EXISTS accounts (
      id INTEGER PRIMARY KEY,
      organization_id INTEGER NOT NULL REFERENCES organizations(id)
    );
    CREATE TABLE IF NOT EXISTS user_extra (
      -- AUTOINCREMENT: a deleted record's id is never handed out again, so 404 stays 404.
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      parent INTEGER NOT NULL UNIQUE REFERENCES accounts(id),
      -- The parent's organization, copied here so the scoped list and its count read one index.
      organization_id INTEGER NOT NULL REFERENCES organizations(id)
      ${fields.map((f) => `, ${columnDefinition(f)}`).join("\n      ")}
    );
    CREATE INDEX IF NOT EXISTS user_extra_by_organization ON user_extra (organization_id, id);
    CREATE INDEX IF NOT EXISTS accounts_by_organization ON accounts (organization_id);

    -- Records per organization, kept by triggers: a list's count is one lookup instead of a
    -- scan of the organization's index (1.5 ms for 33,000 records).
    CREATE TABLE IF NOT EXISTS organization_record_counts (
      organization_id INTEGER PRIMARY KEY,
      n INTEGER NOT NULL
    );
    CREATE TRIGGER IF NOT EXISTS user_extra_counted_insert AFTER INSERT ON user_extra BEGIN
      INSERT INTO organization_record_counts (organization_id, n) VALUES (NEW.organization_id, 1)
        ON CONFLICT (organization_id) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER IF NOT EXISTS user_extra_counted_delete AFTER DELETE ON user_extra BEGIN
      UPDATE organization_record_counts SET n = n - 1 WHERE organization_id = OLD.organization_id;
    END;
    CREATE TRIGGER IF NOT EXISTS user_extra_counted_move AFTER UPDATE OF organization_id ON user_extra
      WHEN OLD.organization_id <> NEW.organization_id BEGIN
      UPDATE organization_record_counts SET n = n - 1 WHERE organization_id = OLD.organization_id;
      INSERT INTO organization_record_counts (organization_id, n) VALUES (NEW.organization_id, 1)
        ON CONFLICT (organization_id) DO UPDATE SET n = n + 1;
    END;
  `);
  // Recount at every start, so a file written by an older version (or edited by hand) is right.
  db.transaction(() => {
    db.exec(`
      DELETE FROM organization_record_counts;
      INSERT INTO organization_record_counts (organization_id, n)
        SELECT organization_id, count(*) FROM user_extra GROUP BY organization_id;
    `);
  }).immediate();
  const existing = new Set(
    (db.prepare("PRAGMA table_info(user_extra)").all([]) as { name: string }[]).map((c) => c.name),
  );
  for (const field of fields) {
    if (!existing.has(field.name)) {
      db.exec(`ALTER TABLE user_extra ADD COLUMN ${columnDefinition(field)}`);
    }
  }
}
