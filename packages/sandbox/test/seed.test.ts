import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db.js";
import { generateProfile, SEED_ORGANIZATIONS, seedDatabase } from "../src/seed.js";
import { loadBundledSpec, writableFields } from "../src/spec.js";
import { Store } from "../src/store.js";
import { compileValidators } from "../src/validation.js";

const spec = loadBundledSpec();
const fields = writableFields(spec);
const createBody = compileValidators(spec).get("createUserExtra")?.body;
if (!createBody) throw new Error("no create validator");

const memoryStore = () => new Store(openDatabase(":memory:", fields), fields);

describe("generated profiles", () => {
  it("are deterministic", () => {
    expect(generateProfile(17)).toEqual(generateProfile(17));
    expect(generateProfile(17)).not.toEqual(generateProfile(18));
  });

  it("are valid create bodies according to the spec", () => {
    for (let n = 0; n < 500; n++) {
      const result = createBody({ parent: 1000 + n, ...generateProfile(n) });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
  });

  it("have an age consistent with the birthday and its age range", () => {
    for (let n = 0; n < 200; n++) {
      const p = generateProfile(n);
      expect(Number(String(p.birthday).slice(0, 4))).toBe(2025 - Number(p.age));
      const [low, high] = String(p.age_range).replace("+", "-200").split("-").map(Number);
      expect(Number(p.age)).toBeGreaterThanOrEqual(low as number);
      expect(Number(p.age)).toBeLessThanOrEqual(high as number);
    }
  });

  it("fill every field when complete", () => {
    for (let n = 0; n < 200; n++) {
      const p = generateProfile(n, { complete: true });
      for (const f of fields) expect(p[f.name], `${f.name} of profile ${n}`).not.toBeNull();
      expect(p.accept_terms).toBe(true);
    }
  });

  it("leave some optional fields empty otherwise", () => {
    const nulls = Array.from(
      { length: 100 },
      (_, n) => Object.values(generateProfile(n)).filter((v) => v === null).length,
    );
    expect(nulls.some((n) => n > 0)).toBe(true);
  });
});

describe("seeding", () => {
  it("spreads profiles round-robin over organizations 1, 2 and 3", () => {
    const store = memoryStore();
    expect(seedDatabase(store, 3000)).toEqual({ inserted: 3000, skipped: false });
    for (const org of SEED_ORGANIZATIONS) expect(store.countInOrganization(org)).toBe(1000);
    const page = store.list({ organizationId: 1, limit: 3, offset: 0 });
    expect(page.records.map((r) => r.id)).toEqual([1, 4, 7]);
    expect(new Set(page.records.map((r) => r.parent)).size).toBe(3);
    store.close();
  });

  it("only seeds an empty database", () => {
    const store = memoryStore();
    seedDatabase(store, 30);
    expect(seedDatabase(store, 30)).toEqual({ inserted: 0, skipped: true });
    expect(store.countAll()).toBe(30);
    store.close();
  });

  it("handles 100,000 profiles in one go", () => {
    const store = memoryStore();
    seedDatabase(store, 100_000);
    expect(store.countAll()).toBe(100_000);
    expect(store.countInOrganization(2)).toBe(33_333);
    store.close();
  });

  it("refuses a negative or fractional count", () => {
    const store = memoryStore();
    expect(() => seedDatabase(store, -1)).toThrow("seed must be a non-negative integer, got -1.");
    expect(() => seedDatabase(store, 1.5)).toThrow("seed must be a non-negative integer");
    store.close();
  });
});
