import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROVIDER_STATES, type Sandbox, startSandbox } from "../src/index.js";
import { matchState } from "../src/provider-states.js";
import { type AnyJson, call } from "./helpers/http.js";
import { expectRecord } from "./helpers/schemas.js";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ providerStates: true, quiet: true });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await state({ state: "the caller is not authenticated", action: "teardown" });
});

async function state(body: unknown): Promise<{ status: number; body: AnyJson }> {
  const reply = await fetch(sandbox.providerStatesUrl as string, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: reply.status, body: await reply.json() };
}

async function setup(name: string, params?: Record<string, unknown>) {
  const reply = await state({ state: name, params, action: "setup" });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

const noNulls = (record: Record<string, unknown>) =>
  Object.entries(record)
    .filter(([, v]) => v === null)
    .map(([k]) => k);

describe("the endpoint", () => {
  it("is mounted at /_pact/provider-states when enabled", () => {
    expect(sandbox.providerStatesUrl).toBe(`${sandbox.origin}/_pact/provider-states`);
  });

  it("knows exactly the eight states of the contract's vocabulary", () => {
    expect(PROVIDER_STATES).toHaveLength(8);
    for (const s of PROVIDER_STATES) expect(matchState(s)?.template).toBe(s);
  });

  it("answers 400 naming an unknown state", async () => {
    const reply = await state({ state: "a unicorn exists", params: {} });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toContain('Unknown provider state "a unicorn exists"');
    expect(reply.body.detail).toContain('"a user extra with id {id} exists"');
  });

  it("answers 400 naming a missing or malformed param", async () => {
    const reply = await state({
      state: "a user extra with id {id} exists",
      params: { id: "seven" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toMatch(/param "id" must be a positive integer, got "seven"/);
    const missing = await state({ state: "parent {parent} has no user extra" });
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toMatch(/param "parent"/);
  });

  it("answers 400 for a bad action", async () => {
    const reply = await state({ state: "the caller is not authenticated", action: "explode" });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toMatch(/"action" must be "setup" or "teardown"/);
  });

  it("accepts pact-js bodies without params or action, with values written in the state", async () => {
    const reply = await state({ state: "a user extra with id 77 exists" });
    expect(reply.status).toBe(200);
    expect(reply.body.id).toBe(77);
    expect((await call(sandbox, "GET", "/user_extra/77/")).status).toBe(200);
  });
});

describe("record states", () => {
  it("a user extra with id {id} exists: a complete record of the caller's organization, idempotently", async () => {
    const values = await setup("a user extra with id {id} exists", { id: 42 });
    await setup("a user extra with id {id} exists", { id: 42 });
    expect(values).toMatchObject({ id: 42, organizationId: 1 });
    const reply = await call(sandbox, "GET", "/user_extra/42/");
    expect(reply.status).toBe(200);
    expectRecord(reply.body);
    expect(noNulls(reply.body)).toEqual([]);
    const list = await call(sandbox, "GET", "/user_extra/");
    expect(list.body.count).toBe(1);
  });

  it("a user extra with id {id} exists: honours parent and field params", async () => {
    await setup("a user extra with id {id} exists", {
      id: 43,
      parent: 45,
      gender: "f",
      city: "New York",
    });
    const reply = await call(sandbox, "GET", "/user_extra/43/");
    expect(reply.body).toMatchObject({ id: 43, parent: 45, gender: "f", city: "New York" });
    const bad = await state({
      state: "a user extra with id {id} exists",
      params: { id: 43, gender: "x" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('gender: "x" is not a valid choice.');
  });

  it("a user extra with id {id} exists in another organization: 403 for the caller, and back again", async () => {
    const values = await setup("a user extra with id {id} exists in another organization", {
      id: 42,
    });
    expect(values.organizationId).not.toBe(1);
    expect((await call(sandbox, "GET", "/user_extra/42/")).status).toBe(403);
    expect((await call(sandbox, "PATCH", "/user_extra/42/", { body: { city: "x" } })).status).toBe(
      403,
    );
    await setup("a user extra with id {id} exists", { id: 42 });
    expect((await call(sandbox, "GET", "/user_extra/42/")).status).toBe(200);
  });

  it("no user extra with id {id} exists: 404, even right after it existed", async () => {
    await setup("a user extra with id {id} exists", { id: 42 });
    await setup("no user extra with id {id} exists", { id: 42 });
    await setup("no user extra with id {id} exists", { id: 42 });
    expect((await call(sandbox, "GET", "/user_extra/42/")).status).toBe(404);
    expect((await call(sandbox, "DELETE", "/user_extra/42/")).status).toBe(404);
  });

  it("parent {parent} has no user extra: POST for it succeeds, even if it had one in another organization", async () => {
    sandbox.addAccount(45, 2);
    const other = await call(sandbox, "POST", "/user_extra/", {
      token: "demo-token-org-2",
      body: { parent: 45 },
    });
    expect(other.status).toBe(201);
    await setup("parent {parent} has no user extra", { parent: 45 });
    const reply = await call(sandbox, "POST", "/user_extra/", {
      body: { parent: 45, gender: "f" },
    });
    expect(reply.status).toBe(201);
  });

  it("a user extra exists for parent {parent}: POST for it answers 409", async () => {
    const values = await setup("a user extra exists for parent {parent}", { parent: 45 });
    await setup("a user extra exists for parent {parent}", { parent: 45 });
    const reply = await call(sandbox, "POST", "/user_extra/", { body: { parent: 45 } });
    expect(reply.status).toBe(409);
    const list = await call(sandbox, "GET", "/user_extra/?parent=45");
    expect(list.body.results.map((r: { id: number }) => r.id)).toEqual([values.id]);
  });
});

describe("organization states", () => {
  it("user extras exist in organization {organizationId}: the caller belongs to it and sees at least count records", async () => {
    await setup("user extras exist in organization {organizationId}", {
      organizationId: 123,
      count: 5,
    });
    const reply = await call(sandbox, "GET", "/user_extra/?parent__organization_id=123&limit=2");
    expect(reply.status).toBe(200);
    expect(reply.body.count).toBe(5);
    for (const record of reply.body.results) expect(noNulls(record)).toEqual([]);
    expect((await call(sandbox, "GET", "/user_extra/?parent__organization_id=1")).status).toBe(403);
  });

  it("user extras exist in organization {organizationId}: count defaults to 3 and is not exceeded on repeat", async () => {
    await setup("user extras exist in organization {organizationId}", { organizationId: 123 });
    await setup("user extras exist in organization {organizationId}", { organizationId: 123 });
    const reply = await call(sandbox, "GET", "/user_extra/?parent__organization_id=123");
    expect(reply.body.count).toBe(3);
  });

  it("organization {organizationId} is another organization: 403, even if the caller was just moved into it", async () => {
    await setup("organization {organizationId} is another organization", { organizationId: 7 });
    expect((await call(sandbox, "GET", "/user_extra/?parent__organization_id=7")).status).toBe(403);
    await setup("user extras exist in organization {organizationId}", { organizationId: 7 });
    const values = await setup("organization {organizationId} is another organization", {
      organizationId: 7,
    });
    expect(values.callerOrganizationId).not.toBe(7);
    expect((await call(sandbox, "GET", "/user_extra/?parent__organization_id=7")).status).toBe(403);
    expect(
      (
        await call(
          sandbox,
          "GET",
          `/user_extra/?parent__organization_id=${values.callerOrganizationId}`,
        )
      ).status,
    ).toBe(200);
  });

  it("organization 1 is another organization moves the demo caller out of organization 1", async () => {
    await setup("organization {organizationId} is another organization", { organizationId: 1 });
    expect((await call(sandbox, "GET", "/user_extra/?parent__organization_id=1")).status).toBe(403);
  });

  it("the caller is not authenticated: changes nothing; requests without a token answer 401", async () => {
    await setup("a user extra with id {id} exists", { id: 5 });
    const values = await setup("the caller is not authenticated");
    expect(values).toEqual({});
    expect((await call(sandbox, "GET", "/user_extra/5/")).status).toBe(200);
    expect((await call(sandbox, "GET", "/user_extra/5/", { token: null })).status).toBe(401);
  });
});

describe("teardown and consecutive interactions", () => {
  it("teardown empties the sandbox and puts the demo caller back in organization 1", async () => {
    await setup("user extras exist in organization {organizationId}", { organizationId: 123 });
    await setup("a user extra with id {id} exists", { id: 8 });
    const reply = await state({
      state: "user extras exist in organization {organizationId}",
      params: { organizationId: 123 },
      action: "teardown",
    });
    expect(reply.status).toBe(200);
    expect((await call(sandbox, "GET", "/user_extra/8/")).status).toBe(404);
    const list = await call(sandbox, "GET", "/user_extra/?parent__organization_id=1");
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(0);
  });

  it("each setup holds whatever the previous interaction left behind (no teardown between them)", async () => {
    // Interaction 1: another organization owns record 42, and the caller moved to org 123.
    await setup("a user extra with id {id} exists in another organization", { id: 42 });
    await setup("user extras exist in organization {organizationId}", { organizationId: 123 });
    // Interaction 2: record 42 must be the caller's.
    await setup("a user extra with id {id} exists", { id: 42 });
    expect((await call(sandbox, "GET", "/user_extra/42/")).status).toBe(200);
    // Interaction 3: parent 45 has no record, although record 42 might have been it.
    await setup("a user extra with id {id} exists", { id: 42, parent: 45 });
    await setup("parent {parent} has no user extra", { parent: 45 });
    expect((await call(sandbox, "POST", "/user_extra/", { body: { parent: 45 } })).status).toBe(
      201,
    );
    // Interaction 4: two states together, as Pact sends them one by one.
    await setup("a user extra with id {id} exists", { id: 9 });
    await setup("the caller is not authenticated");
    expect((await call(sandbox, "GET", "/user_extra/9/", { token: null })).status).toBe(401);
  });

  it("re-loads the seed at teardown when the sandbox was seeded", async () => {
    const seeded = await startSandbox({ providerStates: true, quiet: true, seed: 30 });
    try {
      expect((await call(seeded, "POST", "/user_extra/", { body: { parent: 45 } })).status).toBe(
        201,
      );
      expect((await call(seeded, "GET", "/user_extra/")).body.count).toBe(11);
      const teardown = await fetch(seeded.providerStatesUrl as string, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ state: "the caller is not authenticated", action: "teardown" }),
      });
      expect(teardown.status).toBe(200);
      const list = await call(seeded, "GET", "/user_extra/?parent=45");
      expect(list.body.count).toBe(0);
      expect((await call(seeded, "GET", "/user_extra/")).body.count).toBe(10);
    } finally {
      await seeded.close();
    }
  });
});
