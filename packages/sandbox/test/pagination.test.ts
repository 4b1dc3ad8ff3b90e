import { describe, expect, it } from "vitest";
import { pageLinks } from "../src/pagination.js";

const base = "https://api.example/api/v1/user_extra/";

describe("page links", () => {
  it("has no links when everything fits on one page", () => {
    expect(
      pageLinks({ collectionUrl: base, rawQuery: "", limit: 25, offset: 0, count: 25 }),
    ).toEqual({ next: null, previous: null });
  });

  it("adds limit and offset to next, keeping other parameters in place", () => {
    const links = pageLinks({
      collectionUrl: base,
      rawQuery: "parent__organization_id=1&device_info=true",
      limit: 10,
      offset: 0,
      count: 30,
    });
    expect(links.next).toBe(
      `${base}?parent__organization_id=1&device_info=true&limit=10&offset=10`,
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
    expect(links.previous).toBe(`${base}?offset=15&limit=10`);
  });

  it("has no next on the last page", () => {
    expect(
      pageLinks({
        collectionUrl: base,
        rawQuery: "limit=10&offset=20",
        limit: 10,
        offset: 20,
        count: 30,
      }).next,
    ).toBeNull();
  });

  it("collapses repeated parameters into one", () => {
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
});
