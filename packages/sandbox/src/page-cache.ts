// Rendered list pages, kept as the bytes they were answered with (in parts, as written). A page of 25 costs two
// statements, 25 records joined and a 17 kB body encoded; a page answered again costs one
// lookup of the organization's revision and a write of the same bytes.
//
// An entry is good while the organization's revision is the one it was rendered at: a counter
// the database's triggers bump on every insert, update, delete or move of the organization's
// records, whichever process or connection wrote (see db.ts). A page whose revision no longer
// matches is rendered again. Memory is bounded: the least recently used entries are dropped
// once the entries' bytes pass the budget.

/** What the cache may hold in all: bodies and keys. */
export const DEFAULT_PAGE_CACHE_BYTES = 32 * 1024 * 1024;

interface Entry {
  revision: number;
  body: Buffer[];
  size: number;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(readonly maxBytes = DEFAULT_PAGE_CACHE_BYTES) {}

  /** The body cached under `key` at `revision`, or undefined (a stale entry is dropped). */
  get(key: string, revision: number): Buffer[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.revision !== revision) {
      this.bytes -= entry.size;
      return undefined;
    }
    // Most recently used last: eviction takes from the front.
    this.entries.set(key, entry);
    return entry.body;
  }

  set(key: string, revision: number, body: Buffer[]): void {
    const size = body.reduce((n, b) => n + b.length, 0) + key.length * 2 + 64;
    // A page bigger than an eighth of the budget would push out too much to be worth it.
    if (size > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.size;
    }
    this.entries.set(key, { revision, body, size });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** Entries and bytes held (for tests). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
