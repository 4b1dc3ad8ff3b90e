import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMIT, type Sandbox, startSandbox } from "../src/index.js";
import { loadBundledSpec, recordKeys } from "../src/spec.js";
import { call, TOKENS } from "./helpers/http.js";
import { expectDetail, expectFieldErrors, expectPage, expectRecord } from "./helpers/schemas.js";

const ORG1 = "token-org-1";
const ORG2 = "token-org-2";
const KEYS = recordKeys(loadBundledSpec());

let sandbox: Sandbox;
let nextParent = 500;
const parent = () => nextParent++;

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
    expect(Object.keys(reply.body).sort()).toEqual([...KEYS].sort());
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
    const p = parent();
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
        age: 200,
        city: "c".repeat(256),
        accept_terms: "yes",
      },
    });
    expect(reply.status).toBe(400);
    expectFieldErrors(reply.body);
    expect(reply.body).toEqual({
      gender: ['"x" is not a valid choice.'],
      birthday: ["Date has wrong format. Use YYYY-MM-DD."],
      age: ["Ensure this value is less than or equal to 150."],
      city: ["Ensure this field has no more than 255 characters."],
      accept_terms: ['Must be a valid boolean (true or false), got "yes".'],
    });
  });

  it("rejects an impossible calendar date", async () => {
    const reply = await call(sandbox, "POST", "/user_extra/", {
      token: ORG1,
      body: { parent: parent(), birthday: "2023-02-30" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.birthday[0]).toMatch(/not a valid calendar date.*YYYY-MM-DD/);
  });

  it("accepts exactly 255 characters", async () => {
    const record = await create({ parent: parent(), address: "a".repeat(255) });
    expect(record.address).toHaveLength(255);
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
    const theirs = await create({ parent: parent() }, ORG2);
    const reply = await call(sandbox, "GET", `/user_extra/${theirs.id}/`, { token: ORG1 });
    expect(reply.status).toBe(403);
    expectDetail(reply.body);
  });

  it("works without the trailing slash too", async () => {
    const created = await create({ parent: parent() });
    const reply = await call(sandbox, "GET", `/user_extra/${created.id}`, { token: ORG1 });
    expect(reply.status).toBe(200);
    expect(reply.body.id).toBe(created.id);
  });
});

describe("replace (PUT)", () => {
  it("resets every writable field the body leaves out, and keeps parent", async () => {
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
      body: { city: "Dallas", parent: p + 1000 },
    });
    expect(reply.status).toBe(200);
    expectRecord(reply.body);
    expect(reply.body).toMatchObject({
      id: created.id,
      parent: p,
      city: "Dallas",
      gender: null,
      telephone: null,
      accept_terms: false,
    });
    const stored = await call(sandbox, "GET", `/user_extra/${created.id}/`, { token: ORG1 });
    expect(stored.body).toEqual(reply.body);
  });

  it("validates the body after the record's existence and ownership", async () => {
    const missing = await call(sandbox, "PUT", "/user_extra/987654/", {
      token: ORG1,
      body: { gender: "x" },
    });
    expect(missing.status).toBe(404);
    const theirs = await create({ parent: parent() }, ORG2);
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
    const theirs = await create({ parent: parent(), city: "Oslo" }, ORG2);
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
    const theirs = await create({ parent: parent() }, ORG2);
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
    list = await startSandbox({
      tokens: TOKENS,
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
      "https://sandbox.example.com/api/v1/user_extra/?limit=3&device_info=true&offset=3",
    );
    expect(first.body.previous).toBeNull();
    expect(first.body.results[0].device_info).toBeTypeOf("object");

    const second = await call(list, "GET", "/user_extra/?limit=3&device_info=true&offset=3", {
      token: ORG1,
    });
    expect(second.body.results.map((r: { id: number }) => r.id)).toEqual(ids.slice(3, 6));
    expect(second.body.previous).toBe(
      "https://sandbox.example.com/api/v1/user_extra/?limit=3&device_info=true",
    );
    const last = await call(list, "GET", "/user_extra/?limit=3&device_info=true&offset=6", {
      token: ORG1,
    });
    expect(last.body.results).toHaveLength(1);
    expect(last.body.next).toBeNull();
    expect(last.body.previous).toBe(
      "https://sandbox.example.com/api/v1/user_extra/?limit=3&device_info=true&offset=3",
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

  it("filters by parent", async () => {
    const reply = await call(list, "GET", "/user_extra/?parent=102", { token: ORG1 });
    expect(reply.body.count).toBe(1);
    expect(reply.body.results[0].parent).toBe(102);
    const theirs = await call(list, "GET", "/user_extra/?parent=202", { token: ORG1 });
    expect(theirs.body.count).toBe(0);
  });

  it("accepts the caller's own organization filter and answers 403 for another", async () => {
    const own = await call(list, "GET", "/user_extra/?parent__organization_id=1", { token: ORG1 });
    expect(own.status).toBe(200);
    expect(own.body.count).toBe(7);
    for (const org of [2, 99]) {
      const other = await call(list, "GET", `/user_extra/?parent__organization_id=${org}`, {
        token: ORG1,
      });
      expect(other.status).toBe(403);
      expectDetail(other.body);
    }
  });

  it("answers 400 for limits outside 1..1000 and malformed parameters, naming each", async () => {
    const cases: [string, Record<string, string[]>][] = [
      ["limit=1001", { limit: ["Ensure this value is less than or equal to 1000."] }],
      ["limit=0", { limit: ["Ensure this value is greater than or equal to 1."] }],
      ["limit=abc", { limit: ['A valid integer is required, got "abc".'] }],
      ["offset=-1", { offset: ["Ensure this value is greater than or equal to 0."] }],
      [
        "parent=x&device_info=maybe",
        {
          parent: ['A valid integer is required, got "x".'],
          device_info: ['Must be a valid boolean (true or false), got "maybe".'],
        },
      ],
    ];
    for (const [query, errors] of cases) {
      const reply = await call(list, "GET", `/user_extra/?${query}`, { token: ORG1 });
      expect(reply.status, query).toBe(400);
      expect(reply.body, query).toEqual(errors);
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

  it("accepts limit=1000 and an offset past the end", async () => {
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

  it("answers 415 for a body that is not JSON", async () => {
    const reply = await call(sandbox, "POST", "/user_extra/", {
      token: ORG1,
      rawBody: "parent=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(reply.status).toBe(415);
    expect(reply.body.detail).toMatch(/application\/x-www-form-urlencoded.*application\/json/);
  });

  it("answers 405 with Allow for a method the path does not have", async () => {
    const reply = await call(sandbox, "DELETE", "/user_extra/", { token: ORG1 });
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe("GET, POST");
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
