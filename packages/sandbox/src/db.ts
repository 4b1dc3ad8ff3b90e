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
    // A checkpoint (WAL pages copied into the .db file) fsyncs both files: every 10,000 pages
    // (~40 MB) instead of SQLite's 1,000, it runs a tenth as often and copies a hot page once.
    db.pragma("wal_autocheckpoint = 10000");
    // SQLite's default page cache is 2 MB: 3,000 records (~4 MB) already miss it, and every
    // missed page is a read(2) of the file or the WAL (a page of 1000 records: 4 ms instead of
    // 0.4 ms). Up to 64 MiB, taken only as pages are read.
    db.pragma("cache_size = -65536");
    db.pragma("foreign_keys = ON");
    migrate(db, fields);
  } catch (error) {
    db.close();
    throw new Error(`Cannot use the database file ${path}: ${(error as Error).message}`);
  }
  return db;
}

/**
 * json_object(...) of a row's writable fields, keys in the spec's order, booleans as JSON
 * true/false: the same values a record read into JavaScript serializes to. `row` qualifies the
 * columns (`NEW.` in a trigger).
 */
export function fieldsJsonSql(
  fields: FieldInfo[],
  row = "",
  column: (f: FieldInfo, i: number) => string = (f) => `${row}${f.name}`,
): string {
  const value = (f: FieldInfo, i: number) => {
    const c = column(f, i);
    return f.type === "boolean"
      ? `CASE WHEN ${c} IS NULL THEN NULL WHEN ${c} THEN json('true') ELSE json('false') END`
      : c;
  };
  return `json_object(${fields.map((f, i) => `'${f.name}', ${value(f, i)}`).join(", ")})`;
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
    -- scan of the organization's index (1.5 ms for 33,000 records). Its version changes with
    -- every insert, delete or move in the organization: a cache of where its pages start is
    -- good while it holds (see page-starts.ts), whichever process wrote. Its revision changes
    -- with every write at all to the organization's records (an update too): a cached page of
    -- the list is good while it holds (see page-cache.ts).
    CREATE TABLE IF NOT EXISTS organization_record_counts (
      organization_id INTEGER PRIMARY KEY,
      n INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sandbox_layout (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
  const columns = (table: string) =>
    new Set(
      (db.prepare(`PRAGMA table_info(${table})`).all([]) as { name: string }[]).map((c) => c.name),
    );
  const fieldsJson = fieldsJsonSql(fields, "NEW.");
  // A first version and revision are random (below 2^53, so JavaScript reads each increment):
  // no cache taken of an earlier life of the same organization can match them.
  const countUp = `INSERT INTO organization_record_counts (organization_id, n, version, revision)
        VALUES (NEW.organization_id, 1, abs(random()) % 1000000000000, abs(random()) % 1000000000000)
        ON CONFLICT (organization_id) DO UPDATE SET n = n + 1, version = version + 1,
          revision = revision + 1;`;
  const countDown = `UPDATE organization_record_counts
        SET n = n - 1, version = version + 1, revision = revision + 1
        WHERE organization_id = OLD.organization_id;`;
  // One transaction: a second sandbox starting on the same file waits, then finds it done.
  db.transaction(() => {
    const existing = columns("user_extra");
    for (const field of fields) {
      if (!existing.has(field.name)) {
        db.exec(`ALTER TABLE user_extra ADD COLUMN ${columnDefinition(field)}`);
      }
    }
    // The writable fields' JSON, kept by triggers whoever writes: a page of records is read,
    // not built (json_object over 31 columns is ~6 us a row, most of a list request's time).
    if (!existing.has("fields_json")) db.exec("ALTER TABLE user_extra ADD COLUMN fields_json TEXT");
    const counted = columns("organization_record_counts");
    for (const column of ["version", "revision"]) {
      if (!counted.has(column)) {
        db.exec(
          `ALTER TABLE organization_record_counts ADD COLUMN ${column} INTEGER NOT NULL DEFAULT 0`,
        );
      }
    }
    db.exec(`
      DROP TRIGGER IF EXISTS user_extra_counted_insert;
      DROP TRIGGER IF EXISTS user_extra_counted_delete;
      DROP TRIGGER IF EXISTS user_extra_counted_move;
      DROP TRIGGER IF EXISTS user_extra_json_insert;
      DROP TRIGGER IF EXISTS user_extra_json_update;
      DROP TRIGGER IF EXISTS user_extra_revised;
      CREATE TRIGGER user_extra_counted_insert AFTER INSERT ON user_extra BEGIN
        ${countUp}
      END;
      CREATE TRIGGER user_extra_counted_delete AFTER DELETE ON user_extra BEGIN
        ${countDown}
      END;
      CREATE TRIGGER user_extra_counted_move AFTER UPDATE OF organization_id ON user_extra
        WHEN OLD.organization_id <> NEW.organization_id BEGIN
        ${countDown}
        ${countUp}
      END;
      CREATE TRIGGER user_extra_json_insert AFTER INSERT ON user_extra
        WHEN NEW.fields_json IS NULL BEGIN
        UPDATE user_extra SET fields_json = ${fieldsJson} WHERE id = NEW.id;
      END;
      -- Only when a field changed and fields_json did not: the sandbox's PATCH and PUT write
      -- it in their own UPDATE, and a write of the values already stored changes nothing.
      CREATE TRIGGER user_extra_json_update AFTER UPDATE OF ${fields.map((f) => f.name).join(", ")}
        ON user_extra
        WHEN NEW.fields_json IS OLD.fields_json
          AND (${fields.map((f) => `NEW.${f.name} IS NOT OLD.${f.name}`).join(" OR ")}) BEGIN
        UPDATE user_extra SET fields_json = ${fieldsJson} WHERE id = NEW.id;
      END;
      CREATE TRIGGER user_extra_revised AFTER UPDATE ON user_extra BEGIN
        UPDATE organization_record_counts SET revision = revision + 1
          WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
      END;
    `);
    // Recount at every start, so a file written by an older version (or edited by hand) is
    // right; a fresh version, so no cache taken before can match (random, below 2^53 so that
    // JavaScript reads each increment).
    db.exec(`
      DELETE FROM organization_record_counts;
      INSERT INTO organization_record_counts (organization_id, n, version, revision)
        SELECT organization_id, count(*), abs(random()) % 1000000000000,
          abs(random()) % 1000000000000
        FROM user_extra GROUP BY organization_id;
    `);
    // Rebuild every record's JSON when the fields changed (or the file predates the column).
    const layout = db
      .prepare("SELECT value FROM sandbox_layout WHERE name = 'fields_json'")
      .get([]) as { value?: string } | undefined;
    if (layout?.value !== fieldsJson) {
      db.exec(`UPDATE user_extra SET fields_json = ${fieldsJsonSql(fields)}`);
      db.prepare(
        "INSERT INTO sandbox_layout (name, value) VALUES ('fields_json', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
      ).run([fieldsJson]);
    }
  }).immediate();
}
