import { describe, expect, it } from "vitest";
import {
  DEFAULT_LIMIT,
  DEFAULT_MAX_LIMIT,
  pageLinks,
  pythonInt,
  readLimit,
  readOffset,
} from "../src/pagination.js";

const base = "https://api.example/api/v1/user_extra/";

describe("page links", () => {
  it("has no links when everything fits on one page", () => {
    expect(
      pageLinks({ collectionUrl: base, rawQuery: "", limit: 25, offset: 0, count: 25 }),
    ).toEqual({ next: null, previous: null });
  });

  it("sets limit and offset on next, keeping the other parameters, sorted by name like DRF", () => {
    const links = pageLinks({
      collectionUrl: base,
      rawQuery: "parent__organization_id=1&device_info=true",
      limit: 10,
      offset: 0,
      count: 30,
    });
    expect(links.next).toBe(
      `${base}?device_info=true&limit=10&offset=10&parent__organization_id=1`,
    );
    expect(links.previous).toBeNull();
  });

  it("drops the offset from the link to the first page, like DRF", () => {
    const links = pageLinks({
      collectionUrl: base,
      rawQuery: "limit=10&offset=10",
      limit: 10,
      offset: 10,
      count: 30,
    });
    expect(links.previous).toBe(`${base}?limit=10`);
    expect(links.next).toBe(`${base}?limit=10&offset=20`);
  });

  it("steps back by limit from a middle offset", () => {
    const links = pageLinks({
      collectionUrl: base,
      rawQuery: "offset=25&limit=10",
      limit: 10,
      offset: 25,
      count: 100,
    });
    expect(links.previous).toBe(`${base}?limit=10&offset=15`);
  });

  it("has no next on the last page", () => {
    expect(
      pageLinks({ collectionUrl: base, rawQuery: "", limit: 10, offset: 20, count: 30 }).next,
    ).toBeNull();
  });

  it("replaces a repeated limit with the one used", () => {
    expect(
      pageLinks({
        collectionUrl: base,
        rawQuery: "limit=5&limit=10",
        limit: 10,
        offset: 0,
        count: 30,
      }).next,
    ).toBe(`${base}?limit=10&offset=10`);
  });

  it("keeps an offset beyond 2^53 exact in previous", () => {
    const offset = 2n ** 70n;
    const links = pageLinks({ collectionUrl: base, rawQuery: "", limit: 10, offset, count: 3 });
    expect(links.next).toBeNull();
    expect(links.previous).toBe(`${base}?limit=10&offset=${offset - 10n}`);
  });
});

describe("DRF's reading of limit and offset", () => {
  it("reads integers as Python's int() does", () => {
    expect(pythonInt(" 12 ")).toBe(12n);
    expect(pythonInt("+5")).toBe(5n);
    expect(pythonInt("-5")).toBe(-5n);
    expect(pythonInt("1_000")).toBe(1000n);
    for (const bad of ["", "abc", "1.5", "1e3", "1__0", "_1", "0x10", undefined]) {
      expect(pythonInt(bad), String(bad)).toBeUndefined();
    }
  });

  it("falls back to the default limit for a missing, malformed or non-positive one", () => {
    for (const text of [undefined, "", "abc", "0", "-3", "2.5"]) {
      expect(readLimit(text, DEFAULT_LIMIT, DEFAULT_MAX_LIMIT), String(text)).toBe(DEFAULT_LIMIT);
    }
  });

  it("clamps a limit above the maximum, however large", () => {
    expect(readLimit(String(DEFAULT_MAX_LIMIT + 1), DEFAULT_LIMIT, DEFAULT_MAX_LIMIT)).toBe(
      DEFAULT_MAX_LIMIT,
    );
    expect(readLimit("9".repeat(40), DEFAULT_LIMIT, DEFAULT_MAX_LIMIT)).toBe(DEFAULT_MAX_LIMIT);
    expect(readLimit("7", DEFAULT_LIMIT, DEFAULT_MAX_LIMIT)).toBe(7);
  });

  it("reads a malformed or negative offset as 0, and keeps a huge one exact", () => {
    for (const text of [undefined, "x", "-5", "1.5"]) expect(readOffset(text)).toBe(0n);
    expect(readOffset("9".repeat(30))).toBe(BigInt("9".repeat(30)));
  });
});
