// Bad input is refused before any request, with a message naming the field.
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/index.js";
import { client, fakeFetch, json, record, settle } from "../helpers.js";

function setup() {
  const { fetch, calls } = fakeFetch(json(200, record(1)));
  return { c: client(fetch), calls };
}

async function refused(p: Promise<unknown>, field: string, mention: RegExp) {
  const err = await settle(p);
  expect(err).toBeInstanceOf(InvalidInputError);
  expect((err as InvalidInputError).field).toBe(field);
  expect((err as Error).message).toContain(field);
  expect((err as Error).message).toMatch(mention);
}

describe("ids", () => {
  it.each([0, -1, 1.5, Number.NaN, "1", null, undefined, 2 ** 60])(
    "refuses id %s for get, update, patch and delete",
    async (id) => {
      const { c, calls } = setup();
      const bad = id as number;
      await refused(c.get(bad), "id", /an integer >= 1/);
      await refused(c.update(bad, {}), "id", /an integer >= 1/);
      await refused(c.patch(bad, {}), "id", /an integer >= 1/);
      await refused(c.delete(bad), "id", /an integer >= 1/);
      expect(calls).toHaveLength(0);
    },
  );

  it("shows the offending value", async () => {
    const { c } = setup();
    const err = (await settle(c.get(-3))) as Error;
    expect(err.message).toBe("Invalid id: -3 is not an integer >= 1");
  });
});

describe("bodies", () => {
  it("gender outside m/f/o/null", async () => {
    const { c, calls } = setup();
    await refused(c.patch(1, { gender: "x" as "m" }), "gender", /"x".*"m", "f", "o" or null/);
    await refused(c.create({ parent: 1, gender: "M" as "m" }), "gender", /"M"/);
    expect(calls).toHaveLength(0);
    await c.patch(1, { gender: null });
    await c.patch(1, { gender: "o" });
    expect(calls).toHaveLength(2);
  });

  it.each(["2023-02-30", "2023-13-01", "1995-6-15", "15/06/1995", "1995-06-15T00:00:00Z", ""])(
    "birthday %j is not a real YYYY-MM-DD date",
    async (birthday) => {
      const { c, calls } = setup();
      await refused(c.update(1, { birthday }), "birthday", /a real date \(YYYY-MM-DD\)/);
      expect(calls).toHaveLength(0);
    },
  );

  it("accepts real dates, leap days included, and null", async () => {
    const { c, calls } = setup();
    for (const birthday of ["2024-02-29", "1995-06-15", "2000-12-31", null]) {
      await c.patch(1, { birthday });
    }
    expect(calls).toHaveLength(4);
  });

  it("age: any integer (the reference states no range), nothing else", async () => {
    const { c, calls } = setup();
    await refused(c.patch(1, { age: 2.5 }), "age", /integer/);
    await refused(c.patch(1, { age: 2 ** 60 }), "age", /integer/);
    expect(calls).toHaveLength(0);
    for (const age of [-1, 0, 151, 100_000, null]) await c.patch(1, { age });
    expect(calls).toHaveLength(5);
  });

  it("strings of any length pass (the reference states no maximum)", async () => {
    const { c, calls } = setup();
    await c.create({ parent: 1, address: "a".repeat(10_000), city: "c".repeat(256) });
    expect(calls).toHaveLength(1);
  });

  it("create requires a positive integer parent", async () => {
    const { c, calls } = setup();
    await refused(c.create({} as { parent: number }), "parent", /required/);
    await refused(c.create({ parent: 0 }), "parent", /an integer >= 1/);
    await refused(c.create({ parent: "45" as unknown as number }), "parent", /"45"/);
    expect(calls).toHaveLength(0);
  });

  it("a key the spec does not name is sent unchecked, even one Object.prototype has", async () => {
    const { c, calls } = setup();
    const body = { city: "Berlin", constructor: 1, toString: "x", shoe_size: 44 };
    await c.patch(1, body as object);
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]?.body as string)).toEqual(body);
    // A checked field is still checked when keys the spec lacks come before it.
    await refused(c.patch(1, { shoe_size: 44, gender: "x" } as object), "gender", /"x"/);
  });

  it("a body must be an object", async () => {
    const { c } = setup();
    await refused(c.patch(1, null as unknown as object), "body", /an object/);
    await refused(c.update(1, [] as unknown as object), "body", /an object/);
  });
});

describe("list filters and options", () => {
  it.each([
    [{ limit: 2.5 }, "limit", /integer/],
    [{ limit: Number.NaN }, "limit", /integer/],
    [{ offset: 0.5 }, "offset", /integer/],
    [{ parent: 0 }, "parent", /an integer >= 1/],
    [{ organizationId: -2 }, "organizationId", /an integer >= 1/],
  ])("list(%j) is refused", async (query, field, mention) => {
    const { c, calls } = setup();
    await refused(c.list(query), field, mention);
    expect(() => c.listAll(query)).toThrow(InvalidInputError);
    expect(() => c.pages(query)).toThrow(InvalidInputError);
    expect(calls).toHaveLength(0);
  });

  it("sends any integer limit and offset: a DRF provider falls back or clamps, never refuses", async () => {
    const { fetch, calls } = fakeFetch(
      json(200, { count: 0, next: null, previous: null, results: [] }),
    );
    for (const query of [{ limit: 0 }, { limit: 1001 }, { limit: -5 }, { offset: -1 }]) {
      await client(fetch).list(query);
    }
    expect(calls.map((c) => c.url.search)).toEqual([
      "?limit=0",
      "?limit=1001",
      "?limit=-5",
      "?offset=-1",
    ]);
  });

  it("per-call timeoutMs and maxRetries", async () => {
    const { c, calls } = setup();
    await refused(c.get(1, {}, { timeoutMs: 0 }), "timeoutMs", /an integer >= 1/);
    await refused(c.get(1, {}, { maxRetries: -1 }), "maxRetries", /integer >= 0/);
    expect(calls).toHaveLength(0);
  });
});
