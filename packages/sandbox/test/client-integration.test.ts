// @user-extra/client against the real sandbox: no mocks, real HTTP on 127.0.0.1.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createUserExtraClient,
  NotFoundError,
  PermissionDeniedError,
  type UserExtra,
} from "@user-extra/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../src/index.js";

const TOKENS = { "client-org-1": 1, "client-org-2": 2, "client-org-3": 3 };
const SEEDED = 3000; // round-robin over organizations 1..3: exactly 1,000 each
// The parent accounts the tests create records for (90005 is organization 2's).
const ACCOUNTS = { "45": 1, "90001": 1, "90002": 1, "90003": 1, "90004": 1, "90005": 2 };

let sandbox: Sandbox;
const clientFor = (token: string, url = sandbox.url) =>
  createUserExtraClient({ baseUrl: url, token, maxRetries: 0 });

beforeAll(async () => {
  sandbox = await startSandbox({ tokens: TOKENS, accounts: ACCOUNTS, seed: SEEDED, quiet: true });
});
afterAll(() => sandbox.close());

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("@user-extra/client against the sandbox", () => {
  it("runs the full CRUD cycle", async () => {
    const client = clientFor("client-org-1");
    const created = await client.create({
      parent: 90_001,
      gender: "f",
      city: "New York",
      accept_terms: true,
    });
    expect(created).toMatchObject({
      parent: 90_001,
      gender: "f",
      city: "New York",
      accept_terms: true,
      telephone: null,
    });

    expect(await client.get(created.id)).toEqual(created);
    const withDevice = await client.get(created.id, { deviceInfo: true });
    expect(withDevice.device_info).toEqual(
      expect.objectContaining({ platform: expect.any(String) }),
    );

    const patched = await client.patch(created.id, {
      telephone: "+1-555-111-2222",
      title: "Engineer",
    });
    expect(patched).toEqual({ ...created, telephone: "+1-555-111-2222", title: "Engineer" });

    const replaced = await client.update(created.id, { city: "Boston", accept_terms: true });
    expect(replaced).toMatchObject({
      id: created.id,
      parent: 90_001,
      city: "Boston",
      gender: null,
      telephone: null,
      title: null,
    });

    const page = await client.list({ parent: 90_001 });
    expect(page.count).toBe(1);
    expect(page.results[0]).toEqual(replaced);

    await client.delete(created.id);
    const error = await rejection(client.get(created.id));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
  });

  it("throws ConflictError for a second record for the same parent", async () => {
    const client = clientFor("client-org-1");
    await client.create({ parent: 90_002 });
    const error = await rejection(client.create({ parent: 90_002, city: "Paris" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
  });

  it("throws NotFoundError for update, patch and delete after a delete", async () => {
    const client = clientFor("client-org-1");
    const record = await client.create({ parent: 90_003 });
    await client.delete(record.id);
    for (const call of [
      () => client.update(record.id, { city: "x" }),
      () => client.patch(record.id, { city: "x" }),
      () => client.delete(record.id),
    ]) {
      expect(await rejection(call())).toBeInstanceOf(NotFoundError);
    }
  });

  it("throws AuthenticationError for an unknown token", async () => {
    const error = await rejection(clientFor("not-a-real-token").list());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect(String(error)).not.toContain("not-a-real-token");
  });

  it("throws PermissionDeniedError across organizations", async () => {
    const mine = await clientFor("client-org-1").create({ parent: 90_004 });
    const theirs = clientFor("client-org-2");
    for (const call of [
      () => theirs.get(mine.id),
      () => theirs.patch(mine.id, { city: "x" }),
      () => theirs.update(mine.id, {}),
      () => theirs.delete(mine.id),
      () => theirs.list({ organizationId: 1 }),
    ]) {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(PermissionDeniedError);
      expect((error as PermissionDeniedError).status).toBe(403);
    }
    expect((await clientFor("client-org-1").get(mine.id)).id).toBe(mine.id);
  });

  it("throws BadRequestError with field errors for a parent of another organization", async () => {
    await clientFor("client-org-2").create({ parent: 90_005 });
    const error = await rejection(clientFor("client-org-1").create({ parent: 90_005 }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).fieldErrors).toEqual({
      parent: ['Invalid pk "90005" - object does not exist.'],
    });
  });

  it("iterates every record of a seeded organization of 1,000 through listAll", async () => {
    const client = clientFor("client-org-3");
    const seen: UserExtra[] = [];
    for await (const record of client.listAll({ limit: 100 })) seen.push(record);
    expect(seen).toHaveLength(1000);
    const ids = seen.map((r) => r.id);
    expect(new Set(ids).size).toBe(1000);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const pageSizes: number[] = [];
    for await (const page of client.pages({ limit: 300 })) pageSizes.push(page.results.length);
    expect(pageSizes).toEqual([300, 300, 300, 100]);
  });

  it("iterates with the default page size too", async () => {
    let count = 0;
    for await (const _ of clientFor("client-org-3").listAll()) count++;
    expect(count).toBe(1000);
  });
});

describe("persistence across a restart", () => {
  const dir = mkdtempSync(join(tmpdir(), "sandbox-client-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads back through a new sandbox what the client wrote through the old one", async () => {
    const database = join(dir, "restart.db");
    const first = await startSandbox({ database, tokens: TOKENS, accounts: ACCOUNTS, quiet: true });
    const before = clientFor("client-org-1", first.url);
    const created = await before.create({ parent: 45, city: "Lisbon", accept_terms: true });
    const patched = await before.patch(created.id, { title: "Founder" });
    await first.close();

    const second = await startSandbox({
      database,
      tokens: TOKENS,
      accounts: ACCOUNTS,
      quiet: true,
    });
    try {
      const after = clientFor("client-org-1", second.url);
      expect(await after.get(created.id)).toEqual(patched);
      expect(await rejection(after.create({ parent: 45 }))).toBeInstanceOf(ConflictError);
    } finally {
      await second.close();
    }
  });
});
