import { describe, expect, it } from "vitest";
import { PageCache } from "../src/page-cache.js";

const body = (n: number, fill = "x") => [Buffer.from(fill.repeat(n))];

describe("the page cache", () => {
  it("answers a page only at the revision it was cached at, and drops a stale one", () => {
    const cache = new PageCache(1 << 20);
    cache.set("a", 7, body(10));
    expect(cache.get("a", 7)?.join("")).toBe("x".repeat(10));
    expect(cache.get("a", 8)).toBeUndefined();
    // The stale entry is gone, not kept for a revision that could come back.
    expect(cache.get("a", 7)).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it("replaces a key's entry and keeps its bytes counted once", () => {
    const cache = new PageCache(1 << 20);
    cache.set("a", 1, body(100));
    const once = cache.size.bytes;
    cache.set("a", 2, body(100, "y"));
    expect(cache.size).toEqual({ entries: 1, bytes: once });
    expect(cache.get("a", 2)?.join("")).toBe("y".repeat(100));
  });

  it("stays within its budget, dropping the least recently used first", () => {
    const cache = new PageCache(8 * 1024);
    for (const key of ["a", "b", "c", "d", "e", "f", "g", "h"]) cache.set(key, 1, body(900));
    // "a" is used again: the oldest unused ones go first.
    expect(cache.get("a", 1)).toBeDefined();
    for (const key of ["i", "j", "k"]) cache.set(key, 1, body(900));
    expect(cache.size.bytes).toBeLessThanOrEqual(8 * 1024);
    expect(cache.get("a", 1)).toBeDefined();
    expect(cache.get("b", 1)).toBeUndefined();
    expect(cache.get("k", 1)).toBeDefined();
  });

  it("does not keep a page bigger than an eighth of its budget", () => {
    const cache = new PageCache(8 * 1024);
    cache.set("big", 1, body(2000));
    expect(cache.get("big", 1)).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });
});
