// The data of the sandbox: organizations, accounts (a record's `parent`) and user extra
// records. Every write runs in one IMMEDIATE transaction; an update writes only the columns it
// changes, so two concurrent PATCHes of different fields of one record both survive.
import type { UserExtra } from "@user-extra/types";
import { type Db, fieldsJsonSql } from "./db.js";
import { PageStarts } from "./page-starts.js";
import type { FieldInfo } from "./spec.js";

export type FieldValue = string | number | boolean | null;
export type FieldValues = Record<string, FieldValue>;

export interface StoredRecord {
  record: UserExtra;
  organizationId: number;
}

export interface Account {
  id: number;
  organizationId: number;
}

/** A record as the JSON text SQLite built for it, with what the server checks before sending it. */
export interface RecordJson {
  id: number;
  organizationId: number;
  json: string;
}

/** Why a record could not be created for a parent. */
export type CreateRefusal = "no-such-parent" | "parent-has-record";

export interface ListQuery {
  organizationId: number;
  parent?: number;
  limit: number;
  offset: number;
}

type Row = Record<string, unknown>;

/** A parameter as its column's affinity stores it (libsql binds a large integer as a REAL). */
const CAST_AS: Partial<Record<FieldInfo["type"], string>> = { integer: "INTEGER", number: "REAL" };

/** Records per part of a page read as bytes (see listJsonParts): ~11 kB. */
const LIST_PART_ROWS = 16;

/** Rows per multi-row INSERT when seeding: ~32 columns x 400 rows stays under SQLite's 32766 variables. */
const BATCH_ROWS = 400;

export class Store {
  private readonly columns: string[];
  private readonly booleans: Set<string>;
  private readonly statements = new Map<string, ReturnType<Db["prepare"]>>();
  /** PATCH's UPDATE text by the fields it sets (see updateSql). */
  private readonly updates = new Map<string, string>();
  private readonly recordJsonSql: string;
  /**
   * POST: every column from a parameter (a field left out takes its reset value, the column's
   * default), the kept JSON from the same parameters, so the insert trigger has nothing to do
   * and RETURNING answers the record without building it again. libsql binds a large integer
   * as a REAL: the JSON takes it as the INTEGER column stores it.
   */
  private readonly createSql: string;
  /** A record's JSON from its kept fields_json: id and parent, then the fields. */
  private readonly recordSql =
    `'{"id":' || id || ',"parent":' || parent || ',' || substr(fields_json, 2)`;
  private readonly pageStarts = new PageStarts((organizationId, step) =>
    this.all(
      `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS r
         FROM user_extra WHERE organization_id = ?) WHERE r % ? = 0 ORDER BY id`,
      [organizationId, step],
    ).map((r) => Number(r.id)),
  );

  constructor(
    readonly db: Db,
    readonly fields: FieldInfo[],
  ) {
    this.columns = fields.map((f) => f.name);
    this.booleans = new Set(fields.filter((f) => f.type === "boolean").map((f) => f.name));
    const n = fields.length;
    this.createSql = `INSERT INTO user_extra (parent, organization_id, ${this.columns.join(", ")}, fields_json)
      SELECT id, organization_id, ${fields.map((_, i) => `?${i + 1}`).join(", ")},
        ${fieldsJsonSql(fields, "", (f, i) => (CAST_AS[f.type] ? `CAST(?${i + 1} AS ${CAST_AS[f.type]})` : `?${i + 1}`))}
      FROM accounts WHERE id = ?${n + 1} AND organization_id = ?${n + 2}
      RETURNING id, organization_id, ${this.recordSql} AS j`;
    this.recordJsonSql = `SELECT id, organization_id, ${this.recordSql} AS j FROM user_extra WHERE id = ?`;
  }

  /** Runs `fn` in one IMMEDIATE transaction (takes the write lock up front: no upgrade deadlock). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Closes the database. A file in WAL mode is checkpointed first (libsql does not on close): the
   * .db file alone then holds every record, so a copy of it, a backup or `sqlite3 file.db`
   * sees the data.
   */
  close(): void {
    if (!this.db.open) return;
    if (this.db.memory === false) this.db.pragma("wal_checkpoint(TRUNCATE)");
    this.db.close();
  }

  // libsql binds a lone argument as named parameters: always pass one array.
  private sql(source: string) {
    let statement = this.statements.get(source);
    if (!statement) {
      // PATCH builds one statement per set of columns: keep the cache bounded.
      if (this.statements.size >= 256) this.statements.clear();
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }

  /**
   * Runs a cached statement. libsql does not reset a statement that failed (a constraint
   * error, say): its next run fails again with the same error. A failed one is dropped.
   */
  private exec<T>(source: string, use: (statement: ReturnType<Db["prepare"]>) => T): T {
    try {
      return use(this.sql(source));
    } catch (error) {
      this.statements.delete(source);
      throw error;
    }
  }

  private run(source: string, params: unknown[] = []) {
    return this.exec(source, (s) => s.run(params));
  }

  private get(source: string, params: unknown[] = []): Row | undefined {
    return this.exec(source, (s) => s.get(params) as Row | undefined);
  }

  private all(source: string, params: unknown[] = []): Row[] {
    return this.exec(source, (s) => s.all(params) as Row[]);
  }

  private toColumn(name: string, value: FieldValue): FieldValue {
    return this.booleans.has(name) && typeof value === "boolean" ? Number(value) : value;
  }

  private toRecord(row: Row): UserExtra {
    const record: Record<string, unknown> = { id: row.id, parent: row.parent };
    for (const name of this.columns) {
      const value = row[name] ?? null;
      record[name] = this.booleans.has(name) && value !== null ? value === 1 : value;
    }
    return record as unknown as UserExtra;
  }

  // --- organizations and accounts -----------------------------------------------------------

  ensureOrganization(id: number): void {
    this.run("INSERT OR IGNORE INTO organizations (id) VALUES (?)", [id]);
  }

  organizationIds(): number[] {
    return this.all("SELECT id FROM organizations ORDER BY id").map((r) => Number(r.id));
  }

  account(id: number): Account | undefined {
    const row = this.get("SELECT id, organization_id FROM accounts WHERE id = ?", [id]);
    return row ? { id: Number(row.id), organizationId: Number(row.organization_id) } : undefined;
  }

  /** Creates the account or moves it (and its record) to `organizationId`. */
  putAccount(id: number, organizationId: number): void {
    this.ensureOrganization(organizationId);
    this.run(
      `INSERT INTO accounts (id, organization_id) VALUES (?, ?)
       ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id`,
      [id, organizationId],
    );
    this.run("UPDATE user_extra SET organization_id = ? WHERE parent = ?", [organizationId, id]);
  }

  /** An account id no account has yet (at least 1000, clear of the small ids examples use). */
  freshAccountId(): number {
    const row = this.get("SELECT max(id) AS m FROM accounts");
    return Math.max(Number(row?.m ?? 0) + 1, 1000);
  }

  // --- records ------------------------------------------------------------------------------

  getRecord(id: number): StoredRecord | undefined {
    const row = this.get("SELECT * FROM user_extra WHERE id = ?", [id]);
    return row
      ? { record: this.toRecord(row), organizationId: Number(row.organization_id) }
      : undefined;
  }

  /**
   * A record's JSON built by SQLite in one statement: same keys, order and values as
   * `getRecord`'s record, without reading 31 columns into an object to serialize it again.
   */
  recordJson(id: number): RecordJson | undefined {
    const row = this.get(this.recordJsonSql, [id]);
    return row ? this.toRecordJson(row) : undefined;
  }

  private toRecordJson(row: Row): RecordJson {
    return { id: Number(row.id), organizationId: Number(row.organization_id), json: String(row.j) };
  }

  /**
   * POST in one statement: inserts a record for `parent` if that account is in
   * `organizationId`, and answers the record's JSON. The parent's UNIQUE constraint refuses a
   * second record (one statement is atomic: no transaction needed, and none is held open).
   */
  createRecordJson(
    parent: number,
    organizationId: number,
    values: FieldValues,
  ): RecordJson | CreateRefusal {
    try {
      const row = this.get(this.createSql, [
        ...this.fields.map((f) =>
          this.toColumn(f.name, f.name in values ? (values[f.name] ?? null) : f.resetValue),
        ),
        parent,
        organizationId,
      ]);
      return row ? this.toRecordJson(row) : "no-such-parent";
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") {
        return "parent-has-record";
      }
      throw error;
    }
  }

  /**
   * PATCH and PUT in one statement: sets only the given columns of a record of
   * `organizationId`, and its kept JSON from the same parameters (the update trigger then has
   * nothing to do), and answers the record's JSON; undefined when no such record is the
   * organization's (the caller then tells 404 from 403).
   */
  updateRecordJson(
    id: number,
    organizationId: number,
    values: FieldValues,
  ): RecordJson | undefined {
    const names = this.columns.filter((c) => c in values);
    if (names.length === 0) {
      const found = this.recordJson(id);
      return found?.organizationId === organizationId ? found : undefined;
    }
    const row = this.get(this.updateSql(names), [
      ...names.map((n) => this.toColumn(n, values[n] ?? null)),
      id,
      organizationId,
    ]);
    return row ? this.toRecordJson(row) : undefined;
  }

  /**
   * The UPDATE of `names` (in the spec's order): in a SET, a column names its old value, so the
   * JSON takes the updated fields from their parameters (cast as their columns store them, as
   * in POST) and the others from their columns.
   */
  private updateSql(names: string[]): string {
    const key = names.join(",");
    let sql = this.updates.get(key);
    if (sql === undefined) {
      // One per set of fields a PATCH names: bounded like the statements.
      if (this.updates.size >= 256) this.updates.clear();
      sql = this.buildUpdateSql(names);
      this.updates.set(key, sql);
    }
    return sql;
  }

  private buildUpdateSql(names: string[]): string {
    const position = new Map(names.map((name, i) => [name, i + 1]));
    const json = fieldsJsonSql(this.fields, "", (f) => {
      const i = position.get(f.name);
      if (i === undefined) return f.name;
      const cast = CAST_AS[f.type];
      return cast ? `CAST(?${i} AS ${cast})` : `?${i}`;
    });
    const n = names.length;
    return `UPDATE user_extra SET ${names.map((c, i) => `${c} = ?${i + 1}`).join(", ")}, fields_json = ${json}
       WHERE id = ?${n + 1} AND organization_id = ?${n + 2}
       RETURNING id, organization_id, ${this.recordSql} AS j`;
  }

  /** DELETE in one statement; false when no such record is the organization's. */
  deleteOwnRecord(id: number, organizationId: number): boolean {
    return (
      this.run("DELETE FROM user_extra WHERE id = ? AND organization_id = ?", [id, organizationId])
        .changes > 0
    );
  }

  /** The organization a record belongs to, or undefined when no record has that id. */
  recordOrganization(id: number): number | undefined {
    const row = this.get("SELECT organization_id FROM user_extra WHERE id = ?", [id]);
    return row ? Number(row.organization_id) : undefined;
  }

  recordIdOfParent(parent: number): number | undefined {
    const row = this.get("SELECT id FROM user_extra WHERE parent = ?", [parent]);
    return row ? Number(row.id) : undefined;
  }

  /** Inserts a record for an existing account; `id` is chosen by SQLite unless given. */
  insertRecord(parent: number, values: FieldValues, id?: number): number {
    const account = this.account(parent);
    if (!account) throw new Error(`insertRecord: account ${parent} does not exist`);
    const names = this.columns.filter((c) => c in values);
    const cols = ["parent", "organization_id", ...names];
    const params: unknown[] = [
      parent,
      account.organizationId,
      ...names.map((n) => this.toColumn(n, values[n] ?? null)),
    ];
    if (id !== undefined) {
      cols.unshift("id");
      params.unshift(id);
    }
    const result = this.run(
      `INSERT INTO user_extra (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
      params,
    );
    return Number(result.lastInsertRowid);
  }

  /** PUT: every writable field takes the given value or its reset value. */
  replaceFields(id: number, values: FieldValues): void {
    const params = this.fields.map((f) =>
      this.toColumn(f.name, f.name in values ? (values[f.name] ?? null) : f.resetValue),
    );
    this.run(
      `UPDATE user_extra SET ${this.columns.map((c) => `${c} = ?`).join(", ")} WHERE id = ?`,
      [...params, id],
    );
  }

  /** PATCH: one UPDATE that sets only the given columns, the others are left as stored. */
  updateFields(id: number, values: FieldValues): void {
    const names = this.columns.filter((c) => c in values);
    if (names.length === 0) return;
    this.run(`UPDATE user_extra SET ${names.map((c) => `${c} = ?`).join(", ")} WHERE id = ?`, [
      ...names.map((n) => this.toColumn(n, values[n] ?? null)),
      id,
    ]);
  }

  /** Moves a record to another (existing) account. */
  setRecordParent(id: number, parent: number): void {
    const account = this.account(parent);
    if (!account) throw new Error(`setRecordParent: account ${parent} does not exist`);
    this.run("UPDATE user_extra SET parent = ?, organization_id = ? WHERE id = ?", [
      parent,
      account.organizationId,
      id,
    ]);
  }

  deleteRecord(id: number): boolean {
    return this.run("DELETE FROM user_extra WHERE id = ?", [id]).changes > 0;
  }

  /**
   * The organization's revision: it changes with every write to its records, whichever
   * process wrote (see db.ts). Undefined while the organization never had a record.
   */
  listRevision(organizationId: number): number | undefined {
    const row = this.get(
      "SELECT revision FROM organization_record_counts WHERE organization_id = ?",
      [organizationId],
    );
    return row ? Number(row.revision) : undefined;
  }

  /** Runs `fn` in one read transaction: its statements see one state of the database. */
  snapshot<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  countInOrganization(organizationId: number): number {
    const row = this.get("SELECT n FROM organization_record_counts WHERE organization_id = ?", [
      organizationId,
    ]);
    return Number(row?.n ?? 0);
  }

  countAll(): number {
    return Number(this.get("SELECT count(*) AS n FROM user_extra")?.n ?? 0);
  }

  /** One page of an organization's records in id order, and how many match in all. */
  list(query: ListQuery): { count: number; records: UserExtra[] } {
    const page = this.match(query);
    const rows = page.count > query.offset ? this.all(`SELECT * ${page.from}`, page.params) : [];
    return { count: page.count, records: rows.map((r) => this.toRecord(r)) };
  }

  /**
   * The same page as `list`, as the JSON text of its records: each record's JSON is kept in
   * the row (fields_json, see db.ts), so a page is read and joined, not built. Same keys, same
   * order, same values as `list`.
   */
  listJson(query: ListQuery): { count: number; resultsJson: string } {
    const { count, parts } = this.listJsonParts(query);
    return { count, resultsJson: `[${parts.map((b) => b.toString("utf8")).join("")}]` };
  }

  /**
   * `listJson`'s records as UTF-8 bytes, in parts of LIST_PART_ROWS records (the first part
   * starts with a record, each other one with a comma): their concatenation is the text
   * between the results' brackets. A page of 1000 records read as one 700 kB text costs ~15 ms
   * in libsql (its conversion of a long string, and fresh memory for it); in parts of ~11 kB
   * read as bytes, ~4 ms, and nothing is copied into one big string or buffer on the way out.
   */
  listJsonParts(query: ListQuery): { count: number; parts: Buffer[] } {
    const page = this.match(query);
    if (page.count <= query.offset) return { count: page.count, parts: [] };
    const rows = this.all(
      `SELECT CAST(CASE WHEN g > 0 THEN ',' ELSE '' END || group_concat(j, ',' ORDER BY id) AS BLOB) AS j
       FROM (SELECT j, id, (row_number() OVER (ORDER BY id) - 1) / ${LIST_PART_ROWS} AS g
         FROM (SELECT ${this.recordSql} AS j, id ${page.from}))
       GROUP BY g ORDER BY g`,
      page.params,
    );
    return {
      count: page.count,
      // libsql answers a blob as a Buffer (an ArrayBuffer in pluck mode): no copy either way.
      parts: rows.map((r) => (Buffer.isBuffer(r.j) ? r.j : Buffer.from(r.j as ArrayBuffer))),
    };
  }

  /**
   * The page's rows in id order, from the organization's page starts when the offset is deep:
   * `id >= start` then a short OFFSET, instead of an OFFSET walking the whole index before it.
   */
  private match(query: ListQuery): { count: number; from: string; params: unknown[] } {
    const { organizationId, parent, limit, offset } = query;
    if (parent !== undefined) {
      // One row at most (parent is unique): no deep pages.
      const where = "organization_id = ? AND parent = ?";
      const count = Number(
        this.get(`SELECT count(*) AS n FROM user_extra WHERE ${where}`, [organizationId, parent])
          ?.n ?? 0,
      );
      return {
        count,
        from: `FROM user_extra WHERE ${where} ORDER BY id LIMIT ? OFFSET ?`,
        params: [organizationId, parent, limit, offset],
      };
    }
    const counted = this.get(
      "SELECT n, version FROM organization_record_counts WHERE organization_id = ?",
      [organizationId],
    );
    const count = Number(counted?.n ?? 0);
    const seek =
      count > offset
        ? this.pageStarts.seek(organizationId, Number(counted?.version ?? 0), offset)
        : undefined;
    if (seek) {
      return {
        count,
        from: "FROM user_extra WHERE organization_id = ? AND id >= ? ORDER BY id LIMIT ? OFFSET ?",
        params: [organizationId, seek.fromId, limit, seek.offset],
      };
    }
    return {
      count,
      from: "FROM user_extra WHERE organization_id = ? ORDER BY id LIMIT ? OFFSET ?",
      params: [organizationId, limit, offset],
    };
  }

  /**
   * Bulk insert for seeding: accounts then records, in multi-row INSERTs. The caller wraps it
   * in a transaction.
   */
  insertMany(rows: { parent: number; organizationId: number; values: FieldValues }[]): void {
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      const batch = rows.slice(start, start + BATCH_ROWS);
      this.run(
        `INSERT INTO accounts (id, organization_id) VALUES ${batch.map(() => "(?, ?)").join(", ")}`,
        batch.flatMap((r) => [r.parent, r.organizationId]),
      );
      const cols = ["parent", "organization_id", ...this.columns];
      const placeholders = `(${cols.map(() => "?").join(", ")})`;
      this.run(
        `INSERT INTO user_extra (${cols.join(", ")}) VALUES ${batch.map(() => placeholders).join(", ")}`,
        batch.flatMap((r) => [
          r.parent,
          r.organizationId,
          ...this.fields.map((f) =>
            this.toColumn(f.name, f.name in r.values ? (r.values[f.name] ?? null) : f.resetValue),
          ),
        ]),
      );
    }
  }

  /** Removes every record, account and organization (provider-state teardown). */
  clear(): void {
    this.run("DELETE FROM user_extra");
    this.run("DELETE FROM accounts");
    this.run("DELETE FROM organizations");
    // The organizations' counts stay (at 0, by the triggers): their revisions go on from
    // where they were, so no page cached before the teardown matches after it.
    // Ids start again from 1, as in a fresh database.
    this.run("DELETE FROM sqlite_sequence WHERE name = 'user_extra'");
  }
}
