import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runBreakingCheck } from "../../src/breaking/check.js";
import { changesetDir, FIXTURES, tempDir, WORKSPACE_ROOT } from "../helpers.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function check(fixture: string, bumps: Record<string, string>) {
  const { dir, cleanup } = await tempDir("changesets");
  cleanups.push(cleanup);
  return runBreakingCheck({
    root: WORKSPACE_ROOT,
    base: join(FIXTURES, "before.yaml"),
    spec: join(FIXTURES, `after-${fixture}.yaml`),
    changesets: await changesetDir(dir, bumps),
  });
}

const BOTH_MAJOR = { "@user-extra/types": "major", "@user-extra/client": "major" };
const BOTH_MINOR = { "@user-extra/types": "minor", "@user-extra/client": "minor" };

// Each breaking fixture: what the failure message must name (the change and where it is).
const breaking: Array<[string, RegExp[]]> = [
  [
    "remove-enum-value",
    [
      /BREAKING .*`gender`.*enum value "o" removed/,
      /POST \/user_extra\/ request body `gender`/,
      /GET \/user_extra\/\{id\}\/ response 200 `gender`/,
    ],
  ],
  [
    "require-optional-field",
    [
      /BREAKING .*`telephone`.*optional -> required/,
      /POST \/user_extra\/ request body `telephone`/,
    ],
  ],
  [
    "remove-status-code",
    [/BREAKING .*status code 404 removed/, /GET \/user_extra\/\{id\}\/ response 404/],
  ],
];

describe.each(breaking)("breaking fixture %s", (fixture, mentions) => {
  it("fails without a changeset, naming the difference and the fix", async () => {
    const result = await check(fixture, {});
    expect(result.ok).toBe(false);
    for (const mention of mentions) expect(result.output).toMatch(mention);
    expect(result.output).toMatch(/FAIL: .*breaking difference/);
    expect(result.output).toContain("pnpm changeset");
    expect(result.output).toMatch(/choose "major"/);
  });

  it("fails with only a minor changeset", async () => {
    const result = await check(fixture, BOTH_MINOR);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("@user-extra/types (pending: minor)");
  });

  it("fails when only the types get a major changeset", async () => {
    const result = await check(fixture, { "@user-extra/types": "major" });
    expect(result.ok).toBe(false);
    expect(result.output).toContain("@user-extra/client (pending: none)");
    expect(result.output).not.toContain("@user-extra/types (pending:");
  });

  it("passes with a major changeset for types and client", async () => {
    const result = await check(fixture, BOTH_MAJOR);
    expect(result.ok).toBe(true);
    expect(result.output).toMatch(/^PASS/m);
  });
});

const nonBreaking: Array<[string, RegExp[]]> = [
  [
    "add-optional-field",
    [
      /non-breaking .*`nickname`.*new optional field/,
      /POST \/user_extra\/ request body `nickname`/,
    ],
  ],
  [
    "add-optional-query-parameter",
    [
      /non-breaking .*new optional query parameter `city`/,
      /GET \/user_extra\/ query parameter `city`/,
    ],
  ],
];

describe.each(nonBreaking)("non-breaking fixture %s", (fixture, mentions) => {
  it("reports no breaking difference and asks for a minor changeset", async () => {
    const result = await check(fixture, {});
    expect(result.ok).toBe(false);
    expect(result.output).not.toMatch(/BREAKING/);
    for (const mention of mentions) expect(result.output).toMatch(mention);
    expect(result.output).toMatch(/choose "minor"/);
  });

  it("is not satisfied by a patch changeset", async () => {
    const result = await check(fixture, {
      "@user-extra/types": "patch",
      "@user-extra/client": "patch",
    });
    expect(result.ok).toBe(false);
  });

  it.each([
    ["minor", BOTH_MINOR],
    ["major", BOTH_MAJOR],
  ])("passes with a %s changeset", async (_name, bumps) => {
    const result = await check(fixture, bumps);
    expect(result.ok).toBe(true);
  });
});

describe("identical specs", () => {
  it("pass without any changeset", async () => {
    const result = await runBreakingCheck({
      root: WORKSPACE_ROOT,
      base: join(FIXTURES, "before.yaml"),
      spec: join(FIXTURES, "before.yaml"),
      changesets: await (async () => {
        const { dir, cleanup } = await tempDir("changesets");
        cleanups.push(cleanup);
        return changesetDir(dir, {});
      })(),
    });
    expect(result.ok).toBe(true);
    expect(result.output).toContain("no difference");
  });
});
