import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_TOKENS, loadTokens, parseTokenMap, readBearer, Tokens } from "../src/tokens.js";

const SECRET = "s3cr3t-token-value";
const dir = mkdtempSync(join(tmpdir(), "sandbox-tokens-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loading tokens", () => {
  it("defaults to the demo tokens", () => {
    const { map, source } = loadTokens({ env: {} });
    expect(source).toBe("default");
    expect(Object.fromEntries(map)).toEqual(DEFAULT_TOKENS);
  });

  it("prefers options, then the file, then the environment", () => {
    const file = join(dir, "tokens.json");
    writeFileSync(file, JSON.stringify({ "file-token": 5 }));
    const env = { USER_EXTRA_SANDBOX_TOKENS: JSON.stringify({ "env-token": 6 }) };
    expect(loadTokens({ tokens: { "opt-token": 4 }, tokensFile: file, env }).source).toBe(
      "options",
    );
    expect(Object.fromEntries(loadTokens({ tokensFile: file, env }).map)).toEqual({
      "file-token": 5,
    });
    expect(Object.fromEntries(loadTokens({ env }).map)).toEqual({ "env-token": 6 });
  });

  it("names the problem without quoting any token", () => {
    const attempts: [() => unknown, RegExp][] = [
      [
        () => parseTokenMap({ [SECRET]: "one" }, "x"),
        /entry #1 maps to "one"; expected a positive integer organization id/,
      ],
      [() => parseTokenMap({ [SECRET]: 0 }, "x"), /entry #1 maps to 0/],
      [() => parseTokenMap([SECRET], "x"), /expected a JSON object mapping each token/],
      [
        () => loadTokens({ env: { USER_EXTRA_SANDBOX_TOKENS: `{"${SECRET}": 1` } }),
        /USER_EXTRA_SANDBOX_TOKENS: not valid JSON/,
      ],
      [
        () => loadTokens({ tokensFile: join(dir, "missing.json") }),
        /Cannot read the tokens file .*missing\.json \(ENOENT\)/,
      ],
      [() => parseTokenMap({}, "x"), /no token is defined/],
    ];
    for (const [attempt, message] of attempts) {
      let error: Error | undefined;
      try {
        attempt();
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain(SECRET);
    }
  });
});

describe("the registry", () => {
  it("picks a token of organization 1 as the demo token, and can move it and put it back", () => {
    const tokens = new Tokens(
      new Map([
        ["b", 2],
        ["a", 1],
      ]),
    );
    expect(tokens.demoToken).toBe("a");
    expect(tokens.organizationOf("a")).toBe(1);
    tokens.callerOrganization = 123;
    expect(tokens.organizationOf("a")).toBe(123);
    expect(tokens.organizations()).toEqual([1, 2, 123]);
    tokens.restore();
    expect(tokens.organizationOf("a")).toBe(1);
    expect(tokens.organizationOf("unknown")).toBeUndefined();
  });

  it("falls back to the first token when none belongs to organization 1", () => {
    expect(
      new Tokens(
        new Map([
          ["x", 7],
          ["y", 8],
        ]),
      ).demoToken,
    ).toBe("x");
  });
});

describe("reading the Authorization header", () => {
  it.each([
    [undefined, { ok: false, detail: "Authentication credentials were not provided." }],
    ["Token abc", { ok: false, detail: "Authentication credentials were not provided." }],
    ["Bearer", { ok: false, detail: "Invalid token header. No credentials provided." }],
    [
      "Bearer a b",
      { ok: false, detail: "Invalid token header. Token string should not contain spaces." },
    ],
    ["bearer abc", { ok: true, token: "abc" }],
    ["Bearer  abc ", { ok: true, token: "abc" }],
  ])("%s", (header, expected) => {
    expect(readBearer(header)).toEqual(expected);
  });
});
