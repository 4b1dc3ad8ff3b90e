// Deep pages: a page read from the organization's page starts is exactly the page a plain
// OFFSET gives, through inserts, deletes and moves, and when another connection (another
// sandbox process on the same file) writes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db.js";
import { PageStarts, STEP } from "../src/page-starts.js";
import { loadBundledSpec, writableFields } from "../src/spec.js";
import { Store } from "../src/store.js";

const fields = writableFields(loadBundledSpec());
const dir = mkdtempSync(join(tmpdir(), "sandbox-pages-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("PageStarts", () => {
  it("seeks from the sampled id at or before the offset, and samples again on a new version", () => {
    const ids = Array.from({ length: 5 * STEP }, (_, i) => 10 + 2 * i);
    let samples = 0;
    const starts = new PageStarts((_org, step) => {
      samples++;
      return ids.filter((_, i) => i % step === 0);
    });
    expect(starts.seek(1, 7, STEP - 1)).toBeUndefined(); // a plain OFFSET is as cheap
    expect(starts.seek(1, 7, 2 * STEP + 5)).toEqual({ fromId: ids[2 * STEP], offset: 5 });
    expect(starts.seek(1, 7, 3 * STEP)).toEqual({ fromId: ids[3 * STEP], offset: 0 });
    expect(samples).toBe(1);
    starts.seek(1, 8, STEP);
    expect(samples).toBe(2);
    expect(starts.seek(1, 8, 10 * STEP)).toBeUndefined(); // past the last sample
  });
});

describe("deep pages", () => {
  const path = join(dir, "deep.db");
  const a = new Store(openDatabase(path, fields), fields);
  // A second connection to the same file: what a second sandbox process would write through.
  const b = new Store(openDatabase(path, fields), fields);
  afterAll(() => {
    a.close();
    b.close();
  });
  const total = 3 * STEP + 100;
  a.transaction(() => {
    for (const org of [1, 2]) a.ensureOrganization(org);
    a.insertMany(
      Array.from({ length: 2 * total }, (_, i) => ({
        parent: 1000 + i,
        // Interleaved organizations: ids of organization 1 are not contiguous.
        organizationId: i % 2 === 0 ? 1 : 2,
        values: { city: `City ${i}` },
      })),
    );
  });

  /** The page by a plain OFFSET over the index, for comparison. */
  const plainIds = (store: Store, offset: number, limit: number) =>
    (
      store.db
        .prepare("SELECT id FROM user_extra WHERE organization_id = 1 ORDER BY id LIMIT ? OFFSET ?")
        .all([limit, offset]) as { id: number }[]
    ).map((r) => Number(r.id));
  const pageIds = (store: Store, offset: number, limit = 25) => {
    const page = store.listJson({ organizationId: 1, limit, offset });
    return (JSON.parse(page.resultsJson) as { id: number }[]).map((r) => r.id);
  };
  const offsets = [0, STEP - 1, STEP, STEP + 1, 2 * STEP + 17, 3 * STEP + 90, total - 3, total];

  it("is the page a plain OFFSET gives, at every depth", () => {
    for (const offset of offsets) {
      expect(pageIds(a, offset), `offset ${offset}`).toEqual(plainIds(a, offset, 25));
    }
    const records = a.list({ organizationId: 1, limit: 3, offset: 2 * STEP + 1 }).records;
    expect(records.map((r) => r.id)).toEqual(plainIds(a, 2 * STEP + 1, 3));
  });

  it("stays exact when this process or another one deletes, inserts or moves records", () => {
    pageIds(a, 2 * STEP); // sampled now
    const early = plainIds(a, 10, 5);
    // Another process deletes early records: every later page shifts.
    for (const id of early) b.deleteRecord(id);
    for (const offset of offsets) expect(pageIds(a, offset)).toEqual(plainIds(a, offset, 25));
    // This process moves an early record's account to organization 2.
    const moved = plainIds(a, 3, 1)[0] as number;
    const parent = a.getRecord(moved)?.record.parent as number;
    a.putAccount(parent, 2);
    for (const offset of offsets) expect(pageIds(a, offset)).toEqual(plainIds(a, offset, 25));
    // The other process inserts records with low ids (as provider states may).
    b.transaction(() => {
      b.putAccount(99_001, 1);
      b.insertRecord(99_001, {}, early[0]);
    });
    for (const offset of offsets) {
      expect(pageIds(a, offset)).toEqual(plainIds(a, offset, 25));
      expect(pageIds(b, offset)).toEqual(plainIds(b, offset, 25));
    }
    expect(a.listJson({ organizationId: 1, limit: 1, offset: 0 }).count).toBe(
      plainIds(a, 0, 10 * total).length,
    );
  });
});
