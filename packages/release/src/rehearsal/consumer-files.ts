/**
 * What a consumer of the client writes, in the team project the rehearsal creates. The
 * TypeScript file is only type-checked (as src/usage.mts and src/usage.cts, with the team's
 * tsconfig); the .mjs and .cjs files run a create/get/patch/delete cycle against the published
 * sandbox.
 */

/** Type-checked as usage.mts (ESM: the `import` types) and usage.cts (CJS: the `require` types). */
export const USAGE_TS = `import {
  APIError,
  createUserExtraClient,
  NotFoundError,
  type UserExtra,
  type UserExtraCreate,
  type UserExtraPage,
  type UserExtraPatch,
} from "@user-extra/client";

const client = createUserExtraClient({
  baseUrl: "http://127.0.0.1:4010/api/v1",
  token: async () => "a-token",
  timeoutMs: 10_000,
  maxRetries: 1,
});

export async function cycle(parent: number): Promise<UserExtra> {
  const body: UserExtraCreate = { parent, gender: "f", city: "Lisbon", accept_terms: true };
  const created: UserExtra = await client.create(body);
  const id: number = created.id;
  const page: UserExtraPage = await client.list({ parent, limit: 10 });
  const first: UserExtra | undefined = page.results[0];
  const change: UserExtraPatch = { city: "Porto" };
  const patched = await client.patch(id, change);
  const city: string | null = patched.city;
  for await (const record of client.listAll({ limit: 100 })) {
    const seen: number = record.id;
    void seen;
  }
  await client.delete(id);
  try {
    await client.get(id);
  } catch (error) {
    if (error instanceof NotFoundError) {
      const status: number = error.status;
      void status;
    } else if (error instanceof APIError) {
      throw error;
    }
  }
  // @ts-expect-error gender is "m", "f", "o" or null: the published types must say so
  await client.create({ parent, gender: "x" });
  // @ts-expect-error parent is required on creation
  await client.create({ city: "Lisbon" });
  void first;
  void city;
  return patched;
}
`;

/** A strict consumer's compiler options, shared by every project the rehearsal type-checks. */
export const STRICT_COMPILER_OPTIONS = {
  strict: true,
  noEmit: true,
  module: "nodenext",
  moduleResolution: "nodenext",
  target: "es2022",
  types: ["node"],
  // The published declaration files are checked too: a consumer must not need skipLibCheck.
  skipLibCheck: false,
};

/** The runtime cycle, shared by the .mjs and .cjs files; only how the SDK is loaded differs. */
function cycleScript(format: "esm" | "cjs"): string {
  const load =
    format === "esm"
      ? `import assert from "node:assert/strict";\nimport * as sdk from "@user-extra/client";`
      : `"use strict";\nconst assert = require("node:assert/strict");\nconst sdk = require("@user-extra/client");`;
  return `${load}

// Runs against the sandbox whose URL and token the rehearsal passes in the environment.
async function main() {
  const parent = Number(process.env.REHEARSAL_PARENT);
  const client = sdk.createUserExtraClient({
    baseUrl: process.env.USER_EXTRA_BASE_URL,
    token: process.env.USER_EXTRA_TOKEN,
    maxRetries: 0,
    timeoutMs: 10000,
  });
  if (sdk.VERSION !== undefined) assert.equal(sdk.VERSION, process.env.REHEARSAL_VERSION, "client VERSION");

  const created = await client.create({ parent, gender: "f", city: "Lisbon", accept_terms: true });
  assert.equal(created.parent, parent);
  assert.equal(created.city, "Lisbon");
  assert.equal(typeof created.id, "number");

  const fetched = await client.get(created.id);
  assert.deepEqual(fetched, created);

  const patched = await client.patch(created.id, { city: "Porto" });
  assert.equal(patched.city, "Porto");
  assert.equal(patched.gender, "f", "PATCH keeps the fields it does not carry");

  await client.delete(created.id);
  await assert.rejects(client.get(created.id), (error) => {
    assert.ok(error instanceof sdk.NotFoundError, \`expected NotFoundError, got \${error && error.name}\`);
    assert.ok(error instanceof sdk.UserExtraError);
    assert.equal(error.status, 404);
    return true;
  });
  console.log(\`cycle ok (${format}): created, read, patched and deleted record \${created.id}\`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;
}

export const CYCLE_MJS = cycleScript("esm");
export const CYCLE_CJS = cycleScript("cjs");
