import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMIT, type Sandbox, startSandbox } from "../src/index.js";
import { loadBundledSpec, recordKeys } from "../src/spec.js";
import { call, rawCall, TOKENS } from "./helpers/http.js";
import { expectDetail, expectFieldErrors, expectPage, expectRecord } from "./helpers/schemas.js";

const ORG1 = "token-org-1";
const ORG2 = "token-org-2";
const KEYS = recordKeys(loadBundledSpec());

let sandbox: Sandbox;
let nextParent = 500;
/** A new account of `organization` (POST needs an existing parent account, as DRF does). */
const parent = (organization = 1) => {
  const id = nextParent++;
  sandbox.addAccount(id, organization);
  return id;
};

beforeAll(async () => {
  sandbox = await startSandbox({ tokens: TOKENS, quiet: true });
});
afterAll(async () => {
  await sandbox.close();
});

async function create(body: Record<string, unknown>, token = ORG1) {
  const reply = await call(sandbox, "POST", "/user_extra/", { token, body });
  expect(reply.status).toBe(201);
  return reply.body;
}

describe("start-up", () => {
  it("listens on 127.0.0.1 under the spec's /api/v1 and picks the org-1 token as demo token", () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(sandbox.demoToken).toBe(ORG1);
    expect(sandbox.providerStatesUrl).toBeUndefined();
  });
});

describe("create (POST)", () => {
  it("answers 201 with every field of the record, nulls and false for what was not sent", async () => {
    const p = parent();
    const reply = await call(sandbox, "POST", "/user_extra/", {
      token: ORG1,
      body: {
        parent: p,
        gender: "f",
        age: 28,
        birthday: "1995-06-15",
        city: "New York",
        accept_terms: true,
      },
    });
    expect(reply.status).toBe(201);
    expectRecord(reply.body);
    expect(Object.keys(reply.body)).toEqual(expect.arrayContaining(KEYS));
    expect(reply.body).toMatchObject({
      parent: p,
      gender: "f",
      age: 28,
      birthday: "1995-06-15",
      city: "New York",
      accept_terms: true,
    });
    expect(reply.body.telephone).toBeNull();
    expect(reply.headers.get("location")).toBe(`${sandbox.url}/user_extra/${reply.body.id}/`);
  });

  it("defaults accept_terms to false", async () => {
    const record = await create({ parent: parent() });
    expect(record.accept_terms).toBe(false);
  });

  it("answers 409 for a second record for the same parent", async () => {
    const p = parent();
    await create({ parent: p });
    const reply = await call(sandbox, "POST", "/user_extra/", {
      token: ORG1,
      body: { parent: p, city: "Paris" },
    });
    expect(reply.status).toBe(409);
    expectDetail(reply.body);
    expect(reply.body.detail).toMatch(/already exists/);
  });

  it("answers 400 on the parent field for a parent of another organization", async () => {
    const p = parent(2);
    await create({ parent: p }, ORG2);
    const reply = await call(sandbox, "POST", "/user_extra/", { token: ORG1, body: { parent: p } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ parent: [`Invalid pk "${p}" - object does not exist.`] });
  });

  it("reports every invalid field at once, in the spec's field-to-messages shape", async () => {
    const reply = await call(sandbox, "POST", "/user_extra/", {
      token: ORG1,
      body: {
        parent: parent(),
        gender: "x",
        birthday: "15/06/1995",
        age: 2.5,
        accept_terms: "yes",
      },
    });
    expect(reply.status).toBe(400);
    expectFieldErrors(reply.body);
    expect(reply.body).toEqual({
      gender: ['"x" is not a valid choice.'],
      birthday: ["Date has wrong format. Use YYYY-MM-DD."],
      age: ['A valid integer is required, got "2.5".'],
      accept_terms: ['Must be a valid boolean (true or false), got "yes".'],
    });
  });

  it("answers DRF's 400 for a parent account that does not exist", async () => {
    const reply = await call(sandbox, "POST", "/user_extra/", { body: { parent: 999_999 } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ parent: ['Invalid pk "999999" - object does not exist.'] });
  });

  it("answers 400, never 500 nor a rounded id, for integers JavaScript cannot hold", async () => {
    for (const digits of ["9223372036854775807", "9007199254740993", "99999999999999999999999"]) {
      const reply = await call(sandbox, "POST", "/user_extra/", {
        rawBody: `{"parent": ${digits}}`,
        headers: { "content-type": "application/json" },
      });
      expect(reply.status, digits).toBe(400);
      expect(reply.body).toEqual({ parent: [`Invalid pk "${digits}" - object does not exist.`] });
    }
    const age = await call(sandbox, "POST", "/user_extra/", {
      rawBody: `{"parent": ${parent()}, "age": 9007199254740993}`,
      headers: { "content-type": "application/json" },
    });
    expect(age.status).toBe(400);
    expectFieldErrors(age.body);
    expect(Object.keys(age.body)).toEqual(["age"]);
  });

  it("rejects an impossible calendar date", async () => {
    const reply = await call(sandbox, "POST", "/user_extra/", {
      token: ORG1,
      body: { parent: parent(), birthday: "2023-02-30" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.birthday[0]).toMatch(/not a valid calendar date.*YYYY-MM-DD/);
  });

  it("sets no maximum length or range (the reference states none)", async () => {
    const record = await create({ parent: parent(), address: "a".repeat(5000), age: 151 });
    expect(record.address).toHaveLength(5000);
    expect(record.age).toBe(151);
  });

  it("refuses text with a NUL character as DRF's CharField does, instead of cutting it", async () => {
    // Found by the property-based test: SQLite stored "a\u0000b" as "a".
    const reply = await call(sandbox, "POST", "/user_extra/", {
      body: { parent: parent(), city: "a\u0000b", custom_field_5: "\u0000" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      city: ["Null characters are not allowed."],
      custom_field_5: ["Null characters are not allowed."],
    });
    const record = await create({ parent: parent() });
    const patch = await call(sandbox, "PATCH", `/user_extra/${record.id}/`, {
      body: { title: "x\u0000" },
    });
    expect(patch.status).toBe(400);
    expect(patch.body).toEqual({ title: ["Null characters are not allowed."] });
    // Reported beside the schema's errors, all at once as DRF does (found by the same test).
    const both = await call(sandbox, "POST", "/user_extra/", {
      body: { parent: parent(), city: "\u0000", gender: "x" },
    });
    expect(both.body).toEqual({
      city: ["Null characters are not allowed."],
      gender: ['"x" is not a valid choice.'],
    });
  });

  it("requires parent, and says so", async () => {
    const reply = await call(sandbox, "POST", "/user_extra/", {
      token: ORG1,
      body: { city: "Paris" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ parent: ["This field is required."] });
  });

  it("answers non_field_errors for a body that is not an object", async () => {
    const reply = await call(sandbox, "POST", "/user_extra/", { token: ORG1, body: [1, 2] });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      non_field_errors: ["Invalid data. Expected a dictionary, but got list."],
    });
  });

  it("ignores unknown fields, as DRF does", async () => {
    const record = await create({ parent: parent(), favourite_colour: "blue", id: 999999 });
    expect(record).not.toHaveProperty("favourite_colour");
    expect(record.id).not.toBe(999999);
  });

  it("accepts null for every nullable field, gender included", async () => {
    const record = await create({
      parent: parent(),
      gender: null,
      age: null,
      birthday: null,
      custom_field_8: null,
    });
    expect(record.gender).toBeNull();
  });

  it("treats a string where the spec says integer as an error naming the value", async () => {
    const reply = await call(sandbox, "POST", "/user_extra/", {
      token: ORG1,
      body: { parent: "12" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.parent[0]).toBe('A valid integer is required, got "12".');
  });
});

describe("retrieve (GET one)", () => {
  it("returns the record; device_info only when asked", async () => {
    const created = await create({ parent: parent(), city: "Berlin" });
    const plain = await call(sandbox, "GET", `/user_extra/${created.id}/`, { token: ORG1 });
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual(created);
    expect(plain.body).not.toHaveProperty("device_info");

    const withDevice = await call(sandbox, "GET", `/user_extra/${created.id}/?device_info=true`, {
      token: ORG1,
    });
    expectRecord(withDevice.body);
    expect(withDevice.body.device_info).toMatchObject({
      platform: expect.any(String),
      last_seen: expect.any(String),
    });
    const again = await call(sandbox, "GET", `/user_extra/${created.id}/?device_info=true`, {
      token: ORG1,
    });
    expect(again.body.device_info).toEqual(withDevice.body.device_info);

    const off = await call(sandbox, "GET", `/user_extra/${created.id}/?device_info=false`, {
      token: ORG1,
    });
    expect(off.body).not.toHaveProperty("device_info");
  });

  it("answers 404 with the spec's body for an unknown id or a malformed one", async () => {
    for (const path of ["/user_extra/987654/", "/user_extra/abc/", "/user_extra/0/"]) {
      const reply = await call(sandbox, "GET", path, { token: ORG1 });
      expect(reply.status, path).toBe(404);
      expect(reply.body).toEqual({ detail: "Not found." });
    }
  });

  it("answers 403 for another organization's record", async () => {
    const theirs = await create({ parent: parent(2) }, ORG2);
    const reply = await call(sandbox, "GET", `/user_extra/${theirs.id}/`, { token: ORG1 });
    expect(reply.status).toBe(403);
    expectDetail(reply.body);
  });

  it("answers 404 for an id beyond what JavaScript holds exactly, never a 500", async () => {
    for (const id of ["9007199254740993", "9223372036854775807", "1".repeat(30)]) {
      const reply = await call(sandbox, "GET", `/user_extra/${id}/`);
      expect(reply.status, id).toBe(404);
    }
  });

  it("reads device_info as DRF's BooleanField does and never answers 400 for it", async () => {
    const created = await create({ parent: parent() });
    for (const [value, present] of [
      ["1", true],
      ["yes", true],
      ["maybe", false],
      ["0", false],
    ]) {
      const reply = await call(sandbox, "GET", `/user_extra/${created.id}/?device_info=${value}`);
      expect(reply.status, String(value)).toBe(200);
      expect("device_info" in reply.body, String(value)).toBe(present);
    }
  });
});

describe("update (PUT)", () => {
  it("keeps every field the body leaves out, as DRF's ModelSerializer update does, and keeps parent", async () => {
    const p = parent();
    const created = await create({
      parent: p,
      gender: "m",
      city: "Austin",
      telephone: "+1-512-555-0100",
      accept_terms: true,
    });
    const reply = await call(sandbox, "PUT", `/user_extra/${created.id}/`, {
      token: ORG1,
      body: { city: "Dallas", telephone: null, parent: p + 1000 },
    });
    expect(reply.status).toBe(200);
    expectRecord(reply.body);
    expect(reply.body).toEqual({ ...created, city: "Dallas", telephone: null });
    const stored = await call(sandbox, "GET", `/user_extra/${created.id}/`, { token: ORG1 });
    expect(stored.body).toEqual(reply.body);
  });

  it("answers 404 for an unknown id before reading the body, as DRF does", async () => {
    const reply = await call(sandbox, "PUT", "/user_extra/987654/", {
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(reply.status).toBe(404);
  });

  it("validates the body after the record's existence and ownership", async () => {
    const missing = await call(sandbox, "PUT", "/user_extra/987654/", {
      token: ORG1,
      body: { gender: "x" },
    });
    expect(missing.status).toBe(404);
    const theirs = await create({ parent: parent(2) }, ORG2);
    const forbidden = await call(sandbox, "PUT", `/user_extra/${theirs.id}/`, {
      token: ORG1,
      body: { gender: "x" },
    });
    expect(forbidden.status).toBe(403);
    const mine = await create({ parent: parent() });
    const invalid = await call(sandbox, "PUT", `/user_extra/${mine.id}/`, {
      token: ORG1,
      body: { gender: "x" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ gender: ['"x" is not a valid choice.'] });
  });
});

describe("partial update (PATCH)", () => {
  it("changes only the given fields", async () => {
    const created = await create({
      parent: parent(),
      gender: "f",
      city: "Madrid",
      title: "Engineer",
    });
    const reply = await call(sandbox, "PATCH", `/user_extra/${created.id}/`, {
      token: ORG1,
      body: { title: "Lead Engineer", age: 40 },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...created, title: "Lead Engineer", age: 40 });
  });

  it("is idempotent and accepts an empty body", async () => {
    const created = await create({ parent: parent(), city: "Lima" });
    const first = await call(sandbox, "PATCH", `/user_extra/${created.id}/`, {
      token: ORG1,
      body: { city: "Cusco" },
    });
    const second = await call(sandbox, "PATCH", `/user_extra/${created.id}/`, {
      token: ORG1,
      body: { city: "Cusco" },
    });
    expect(second.body).toEqual(first.body);
    const empty = await call(sandbox, "PATCH", `/user_extra/${created.id}/`, {
      token: ORG1,
      body: {},
    });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual(first.body);
  });

  it("loses no field when many PATCHes of different fields of one record run at once", async () => {
    const created = await create({ parent: parent() });
    const fields = [
      "custom_field_1",
      "custom_field_2",
      "custom_field_3",
      "custom_field_4",
      "custom_field_5",
      "custom_field_6",
      "custom_field_7",
      "custom_field_8",
      "city",
      "title",
    ];
    const replies = await Promise.all(
      fields.map((field) =>
        call(sandbox, "PATCH", `/user_extra/${created.id}/`, {
          token: ORG1,
          body: { [field]: `value of ${field}` },
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(fields.map(() => 200));
    const stored = await call(sandbox, "GET", `/user_extra/${created.id}/`, { token: ORG1 });
    for (const field of fields) expect(stored.body[field]).toBe(`value of ${field}`);
  });

  it("answers 403 for another organization's record and leaves it unchanged", async () => {
    const theirs = await create({ parent: parent(2), city: "Oslo" }, ORG2);
    const reply = await call(sandbox, "PATCH", `/user_extra/${theirs.id}/`, {
      token: ORG1,
      body: { city: "Bergen" },
    });
    expect(reply.status).toBe(403);
    const stored = await call(sandbox, "GET", `/user_extra/${theirs.id}/`, { token: ORG2 });
    expect(stored.body.city).toBe("Oslo");
  });
});

describe("delete (DELETE)", () => {
  it("answers 204 with no body, then 404", async () => {
    const created = await create({ parent: parent() });
    const reply = await fetch(`${sandbox.url}/user_extra/${created.id}/`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${ORG1}` },
    });
    expect(reply.status).toBe(204);
    expect(await reply.text()).toBe("");
    const after = await call(sandbox, "GET", `/user_extra/${created.id}/`, { token: ORG1 });
    expect(after.status).toBe(404);
    const again = await call(sandbox, "DELETE", `/user_extra/${created.id}/`, { token: ORG1 });
    expect(again.status).toBe(404);
  });

  it("does not reuse a deleted record's id", async () => {
    const first = await create({ parent: parent() });
    await call(sandbox, "DELETE", `/user_extra/${first.id}/`, { token: ORG1 });
    const second = await create({ parent: parent() });
    expect(second.id).toBeGreaterThan(first.id);
  });

  it("answers 403 for another organization's record, which survives", async () => {
    const theirs = await create({ parent: parent(2) }, ORG2);
    const reply = await call(sandbox, "DELETE", `/user_extra/${theirs.id}/`, { token: ORG1 });
    expect(reply.status).toBe(403);
    expect((await call(sandbox, "GET", `/user_extra/${theirs.id}/`, { token: ORG2 })).status).toBe(
      200,
    );
  });
});

describe("authentication", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["no header", {}, "Authentication credentials were not provided."],
    [
      "another scheme",
      { authorization: "Basic dXNlcjpwYXNz" },
      "Authentication credentials were not provided.",
    ],
    ["Bearer alone", { authorization: "Bearer" }, "Invalid token header. No credentials provided."],
    ["an unknown token", { authorization: "Bearer not-a-token" }, "Invalid token."],
  ];
  for (const [name, headers, detail] of cases) {
    it(`answers 401 with WWW-Authenticate for ${name}`, async () => {
      const reply = await call(sandbox, "GET", "/user_extra/", { token: null, headers });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ detail });
      expect(reply.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    });
  }

  it("never echoes the token it refused", async () => {
    const reply = await call(sandbox, "GET", "/user_extra/", { token: "secret-token-value" });
    expect(JSON.stringify(reply.body)).not.toContain("secret-token-value");
  });

  it("checks the token before the body", async () => {
    const reply = await call(sandbox, "POST", "/user_extra/", {
      token: null,
      rawBody: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(reply.status).toBe(401);
  });
});

describe("list (GET)", () => {
  let list: Sandbox;
  const ids: number[] = [];
  beforeAll(async () => {
    const accounts: Record<string, number> = {};
    for (let i = 0; i < 7; i++) {
      accounts[100 + i] = 1;
      accounts[200 + i] = 2;
    }
    // An account with no record, for the filter that matches nothing.
    accounts[300] = 1;
    list = await startSandbox({
      tokens: TOKENS,
      accounts,
      quiet: true,
      publicBaseUrl: "https://sandbox.example.com/api/v1/",
    });
    for (let i = 0; i < 7; i++) {
      const r = await call(list, "POST", "/user_extra/", {
        token: ORG1,
        body: { parent: 100 + i, city: `City ${i}` },
      });
      ids.push(r.body.id);
      await call(list, "POST", "/user_extra/", { token: ORG2, body: { parent: 200 + i } });
    }
  });
  afterAll(() => list.close());

  it("lists only the caller's organization, in id order, with count", async () => {
    const reply = await call(list, "GET", "/user_extra/", { token: ORG1 });
    expect(reply.status).toBe(200);
    expectPage(reply.body);
    expect(reply.body.count).toBe(7);
    expect(reply.body.results.map((r: { id: number }) => r.id)).toEqual(ids);
    expect(reply.body.next).toBeNull();
    expect(reply.body.previous).toBeNull();
  });

  it("builds absolute next/previous links from the public base URL, keeping other parameters", async () => {
    const first = await call(list, "GET", "/user_extra/?limit=3&device_info=true", { token: ORG1 });
    expect(first.body.next).toBe(
      "https://sandbox.example.com/api/v1/user_extra/?device_info=true&limit=3&offset=3",
    );
    expect(first.body.previous).toBeNull();
    expect(first.body.results[0].device_info).toBeTypeOf("object");

    const second = await call(list, "GET", "/user_extra/?limit=3&device_info=true&offset=3", {
      token: ORG1,
    });
    expect(second.body.results.map((r: { id: number }) => r.id)).toEqual(ids.slice(3, 6));
    expect(second.body.previous).toBe(
      "https://sandbox.example.com/api/v1/user_extra/?device_info=true&limit=3",
    );
    const last = await call(list, "GET", "/user_extra/?limit=3&device_info=true&offset=6", {
      token: ORG1,
    });
    expect(last.body.results).toHaveLength(1);
    expect(last.body.next).toBeNull();
    expect(last.body.previous).toBe(
      "https://sandbox.example.com/api/v1/user_extra/?device_info=true&limit=3&offset=3",
    );
  });

  it("following next visits every record exactly once", async () => {
    const seen: number[] = [];
    let url: string | null = `${list.url}/user_extra/?limit=2`;
    while (url) {
      const reply: { body: { next: string | null; results: { id: number }[] } } = await call(
        list,
        "GET",
        url.replace("https://sandbox.example.com/api/v1", list.url),
        { token: ORG1 },
      );
      seen.push(...reply.body.results.map((r) => r.id));
      url = reply.body.next;
    }
    expect(seen).toEqual(ids);
  });

  it(`uses ${DEFAULT_LIMIT} records per page by default`, async () => {
    const big = await startSandbox({ tokens: TOKENS, quiet: true, seed: 3 * (DEFAULT_LIMIT + 5) });
    try {
      const reply = await call(big, "GET", "/user_extra/", { token: ORG1 });
      expect(reply.body.count).toBe(DEFAULT_LIMIT + 5);
      expect(reply.body.results).toHaveLength(DEFAULT_LIMIT);
      expect(reply.body.next).toBe(
        `${big.url}/user_extra/?limit=${DEFAULT_LIMIT}&offset=${DEFAULT_LIMIT}`,
      );
    } finally {
      await big.close();
    }
  });

  it("filters by parent; an existing account without a record, or another organization's, is an empty page", async () => {
    const reply = await call(list, "GET", "/user_extra/?parent=102", { token: ORG1 });
    expect(reply.body.count).toBe(1);
    expect(reply.body.results[0].parent).toBe(102);
    for (const parent of [202, 300]) {
      const empty = await call(list, "GET", `/user_extra/?parent=${parent}`, { token: ORG1 });
      expect(empty.status).toBe(200);
      expect(empty.body.count).toBe(0);
    }
  });

  it("answers django-filter's 400 for a filter that is malformed or names nothing", async () => {
    const message = "Select a valid choice. That choice is not one of the available choices.";
    for (const query of [
      "parent=999999",
      "parent=abc",
      "parent=0",
      "parent=1.5",
      `parent=${"9".repeat(25)}`,
    ]) {
      const reply = await call(list, "GET", `/user_extra/?${query}`, { token: ORG1 });
      expect(reply.status, query).toBe(400);
      expect(reply.body, query).toEqual({ parent: [message] });
    }
    for (const query of ["parent__organization_id=777", "parent__organization_id=x"]) {
      const reply = await call(list, "GET", `/user_extra/?${query}`, { token: ORG1 });
      expect(reply.status, query).toBe(400);
      expect(reply.body, query).toEqual({ parent__organization_id: [message] });
    }
  });

  it("accepts the caller's own organization filter and answers 403 for another", async () => {
    const own = await call(list, "GET", "/user_extra/?parent__organization_id=1", { token: ORG1 });
    expect(own.status).toBe(200);
    expect(own.body.count).toBe(7);
    for (const org of [2]) {
      const other = await call(list, "GET", `/user_extra/?parent__organization_id=${org}`, {
        token: ORG1,
      });
      expect(other.status).toBe(403);
      expectDetail(other.body);
    }
  });

  it("falls back as LimitOffsetPagination does: default limit, clamped limit, offset 0", async () => {
    const small = await startSandbox({
      tokens: TOKENS,
      quiet: true,
      seed: 3 * 12,
      defaultLimit: 5,
      maxLimit: 8,
    });
    try {
      const cases: [string, number, number][] = [
        // query, expected page size, expected first index
        ["limit=0", 5, 0],
        ["limit=-3", 5, 0],
        ["limit=abc", 5, 0],
        ["limit=2.5", 5, 0],
        ["limit=1001", 8, 0],
        [`limit=${"9".repeat(30)}`, 8, 0],
        ["limit=3&offset=-5", 3, 0],
        ["limit=3&offset=x", 3, 0],
        ["limit=3&offset=4", 3, 4],
      ];
      const all = (await call(small, "GET", "/user_extra/?limit=8", { token: ORG1 })).body.results;
      for (const [query, size, first] of cases) {
        const reply = await call(small, "GET", `/user_extra/?${query}`, { token: ORG1 });
        expect(reply.status, query).toBe(200);
        expectPage(reply.body);
        expect(
          reply.body.results.map((r: { id: number }) => r.id),
          query,
        ).toEqual(all.slice(first, first + size).map((r: { id: number }) => r.id));
        expect(new URL(reply.body.next).searchParams.get("limit"), query).toBe(String(size));
      }
      const far = await call(small, "GET", `/user_extra/?offset=${"9".repeat(30)}`, {
        token: ORG1,
      });
      expect(far.status).toBe(200);
      expect(far.body.results).toEqual([]);
      expect(new URL(far.body.previous).searchParams.get("offset")).toBe(
        String(BigInt("9".repeat(30)) - 5n),
      );
    } finally {
      await small.close();
    }
  });

  it("builds next and previous from the request's Host when no public URL is configured", async () => {
    const plain = await startSandbox({ tokens: TOKENS, quiet: true, seed: 9 });
    try {
      const reply = await rawCall(plain, "GET", "/user_extra/?limit=1", {
        authorization: `Bearer ${ORG1}`,
        host: "proxy.example:8443",
      });
      expect(reply.body.next).toBe("http://proxy.example:8443/api/v1/user_extra/?limit=1&offset=1");
      const direct = await call(plain, "GET", "/user_extra/?limit=1", { token: ORG1 });
      expect(direct.body.next).toBe(`${plain.url}/user_extra/?limit=1&offset=1`);
    } finally {
      await plain.close();
    }
  });

  it("reads an empty parameter as absent, as django-filter does", async () => {
    const reply = await call(list, "GET", "/user_extra/?parent=&limit=&device_info=", {
      token: ORG1,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.count).toBe(7);
    expect(reply.body.results).toHaveLength(7);
  });

  it("accepts a large limit and an offset past the end", async () => {
    const reply = await call(list, "GET", "/user_extra/?limit=1000&offset=50", { token: ORG1 });
    expect(reply.status).toBe(200);
    expect(reply.body.results).toEqual([]);
    expect(reply.body.count).toBe(7);
  });
});

describe("protection", () => {
  it("answers 413 with a detail for a body over the limit", async () => {
    const small = await startSandbox({ tokens: TOKENS, quiet: true, bodyLimit: 1024 });
    try {
      const reply = await call(small, "POST", "/user_extra/", {
        token: ORG1,
        body: { parent: 1, city: "x".repeat(2000) },
      });
      expect(reply.status).toBe(413);
      expect(reply.body.detail).toMatch(/too large.*1024 bytes/);
    } finally {
      await small.close();
    }
  });

  it("answers 413 for a body over the default 64 KiB", async () => {
    const reply = await call(sandbox, "POST", "/user_extra/", {
      token: ORG1,
      body: { parent: 1, junk: "x".repeat(70_000) },
    });
    expect(reply.status).toBe(413);
  });

  it("answers 400 with DRF's parse error for malformed JSON, without a stack trace", async () => {
    const reply = await call(sandbox, "POST", "/user_extra/", {
      token: ORG1,
      rawBody: '{"parent": 1,',
      headers: { "content-type": "application/json" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toMatch(/^JSON parse error - /);
    expect(JSON.stringify(reply.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it("takes form and multipart bodies as DRF's FormParser and MultiPartParser do", async () => {
    const p = parent();
    const form = await call(sandbox, "POST", "/user_extra/", {
      rawBody: new URLSearchParams({
        parent: String(p),
        age: "41",
        city: "Quito",
        birthday: "",
      }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(201);
    expect(form.body).toMatchObject({
      parent: p,
      age: 41,
      city: "Quito",
      birthday: null,
      accept_terms: false,
    });
    const multipart = new FormData();
    multipart.set("accept_terms", "true");
    multipart.set("title", "Chef");
    const response = await fetch(`${sandbox.url}/user_extra/${form.body.id}/`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${ORG1}` },
      body: multipart,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      city: "Quito",
      title: "Chef",
      accept_terms: true,
    });
  });

  it("answers DRF's 415 for another media type, and reads a body without one as empty", async () => {
    const reply = await call(sandbox, "POST", "/user_extra/", {
      rawBody: "parent=1",
      headers: { "content-type": "text/plain" },
    });
    expect(reply.status).toBe(415);
    expect(reply.body).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
    const empty = await call(sandbox, "POST", "/user_extra/", {
      rawBody: "",
      headers: { "content-type": "text/plain" },
    });
    expect(empty.body).toEqual({ parent: ["This field is required."] });
  });

  it("answers 405 with DRF's Allow for any method a path lacks, TRACE included", async () => {
    const cases: [string, string, string][] = [
      ["DELETE", "/user_extra/", "GET, POST, HEAD, OPTIONS"],
      ["PUT", "/user_extra/", "GET, POST, HEAD, OPTIONS"],
      ["TRACE", "/user_extra/", "GET, POST, HEAD, OPTIONS"],
      ["POST", "/user_extra/1/", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"],
      ["TRACE", "/user_extra/1/", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"],
    ];
    for (const [method, path, allow] of cases) {
      const reply = await rawCall(sandbox, method, path, { authorization: `Bearer ${ORG1}` });
      expect(reply.status, `${method} ${path}`).toBe(405);
      expect(reply.headers.allow).toBe(allow);
      expect(reply.body).toEqual({ detail: `Method "${method}" not allowed.` });
    }
    const options = await call(sandbox, "OPTIONS", "/user_extra/", { token: ORG1 });
    expect(options.status).toBe(200);
    expect(options.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
  });

  it("answers 301 to the slashed path for any method when the trailing slash is missing", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      for (const [path, target] of [
        ["/user_extra", "/api/v1/user_extra/"],
        ["/user_extra?limit=2&x=1", "/api/v1/user_extra/?limit=2&x=1"],
        ["/user_extra/5", "/api/v1/user_extra/5/"],
      ]) {
        const response = await fetch(`${sandbox.url}${path}`, { method, redirect: "manual" });
        expect(response.status, `${method} ${path}`).toBe(301);
        expect(response.headers.get("location")).toBe(target);
      }
    }
    expect((await fetch(`${sandbox.url}/user_extra/1.5`, { redirect: "manual" })).status).toBe(404);
  });

  it("answers 404 in the spec's shape for an unknown path", async () => {
    const reply = await call(sandbox, "GET", "/nothing-here/", { token: ORG1 });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ detail: "Not found." });
  });

  it("does not mount the provider-state endpoint unless enabled", async () => {
    const reply = await fetch(`${sandbox.origin}/_pact/provider-states`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ state: "the caller is not authenticated" }),
    });
    expect(reply.status).toBe(404);
  });
});
