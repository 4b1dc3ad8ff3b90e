import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROVIDER_STATES } from "@user-extra/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STATE, VOCABULARY } from "../src/provider-states";
import {
  forwardState,
  requestFilter,
  stateHandlers,
  summarizeFailure,
  unknownStates,
  type VerificationSession,
} from "../src/verification";
import { LOG_LEVELS, parseVerifyArgs } from "../src/verify-args";

const TOKEN = "valid-provider-token";
const received: Array<{ body: unknown; authorization: string | undefined }> = [];
let statesServer: Server;
let statesUrl: string;

beforeAll(async () => {
  // A stand-in provider-state endpoint: refuses one state, accepts the others.
  statesServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      const body = JSON.parse(text) as { state: string };
      received.push({ body, authorization: req.headers.authorization });
      res.setHeader("content-type", "application/json");
      if (body.state === STATE.otherOrganization) {
        res.statusCode = 400;
        res.end(JSON.stringify({ detail: "cannot set this up" }));
      } else {
        res.end(JSON.stringify({ id: 7 }));
      }
    });
  });
  await new Promise<void>((resolve) => statesServer.listen(0, "127.0.0.1", resolve));
  statesUrl = `http://127.0.0.1:${(statesServer.address() as AddressInfo).port}/states`;
});
afterAll(() => new Promise((resolve) => statesServer.close(resolve)));
const scratch = mkdtempSync(join(tmpdir(), "verification-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const newSession = (): VerificationSession => ({ unauthenticated: false, stateErrors: [] });

describe("the provider-state vocabulary", () => {
  it("is the one the sandbox implements, state for state", () => {
    expect([...VOCABULARY].sort()).toEqual([...PROVIDER_STATES].sort());
  });

  it("flags the states of a pact that the vocabulary lacks", () => {
    const file = join(scratch, "states.json");
    writeFileSync(
      file,
      JSON.stringify({
        interactions: [
          { providerStates: [{ name: STATE.exists }, { name: "a user extra with id 1 exists" }] },
          { providerStates: [{ name: "the database is up" }] },
        ],
      }),
    );
    expect(unknownStates(file)).toEqual(["a user extra with id 1 exists", "the database is up"]);
    expect(unknownStates(new URL("fixtures/complete.pact.json", import.meta.url).pathname)).toEqual(
      [],
    );
  });
});

describe("state changes", () => {
  it("post {state, params, action} with the caller's token and return the provider's values", async () => {
    received.length = 0;
    const values = await forwardState(statesUrl, TOKEN, STATE.exists, { id: 1 }, "setup");
    expect(values).toEqual({ id: 7 });
    expect(received).toEqual([
      {
        body: { state: STATE.exists, params: { id: 1 }, action: "setup" },
        authorization: `Bearer ${TOKEN}`,
      },
    ]);
  });

  it("fail naming the state, the action and the provider's answer, never the token", async () => {
    const error = await forwardState(statesUrl, TOKEN, STATE.otherOrganization, {}, "setup").catch(
      (e: Error) => e,
    );
    expect(String(error)).toContain(`provider state "${STATE.otherOrganization}" (setup)`);
    expect(String(error)).toContain("answered 400");
    expect(String(error)).toContain("cannot set this up");
    expect(String(error)).not.toContain(TOKEN);
    const unreachable = await forwardState(
      "http://127.0.0.1:9/states",
      TOKEN,
      STATE.exists,
      {},
      "teardown",
    ).catch((e: Error) => e);
    expect(String(unreachable)).toContain("http://127.0.0.1:9/states is unreachable");
  });

  it("cover every state, set the unauthenticated flag only between its setup and teardown, and record failures", async () => {
    const session = newSession();
    const handlers = stateHandlers({ providerStatesUrl: statesUrl, token: TOKEN }, session);
    expect(Object.keys(handlers).sort()).toEqual([...VOCABULARY].sort());

    await handlers[STATE.exists]?.setup({ id: 1 });
    expect(session.unauthenticated).toBe(false);
    await handlers[STATE.unauthenticated]?.setup();
    expect(session.unauthenticated).toBe(true);
    await handlers[STATE.unauthenticated]?.teardown();
    expect(session.unauthenticated).toBe(false);

    await expect(handlers[STATE.otherOrganization]?.setup({ organizationId: 2 })).rejects.toThrow();
    expect(session.stateErrors).toHaveLength(1);
    expect(session.stateErrors[0]).toContain(STATE.otherOrganization);
  });
});

describe("the request filter", () => {
  const run = (session: VerificationSession, authorization?: string) => {
    const req = { headers: authorization ? { authorization } : {} } as IncomingMessage;
    let called = false;
    requestFilter(TOKEN, session)(req, {} as ServerResponse, () => {
      called = true;
    });
    expect(called).toBe(true);
    return req.headers.authorization;
  };

  it("substitutes the valid token for the consumer's", () => {
    expect(run(newSession(), "Bearer consumer-test-token")).toBe(`Bearer ${TOKEN}`);
    expect(run(newSession())).toBe(`Bearer ${TOKEN}`);
  });

  it("lets the consumer's invalid token through while the caller is not authenticated", () => {
    const session = { ...newSession(), unauthenticated: true };
    expect(run(session, "Bearer not-a-valid-token")).toBe("Bearer not-a-valid-token");
  });
});

describe("failure summary", () => {
  it("keeps one line per failing interaction of pact-core's JSON report", () => {
    const report = {
      errors: [
        {
          interaction: "Given x - a request",
          mismatch: {
            mismatches: [{ mismatch: "expected 404 but was 403" }, { type: "BodyMismatch" }],
          },
        },
      ],
    };
    expect(summarizeFailure(new Error(JSON.stringify(report)))).toBe(
      "1 interaction(s) failed:\n  - Given x - a request: expected 404 but was 403; BodyMismatch",
    );
    expect(summarizeFailure(new Error("proxy did not start"))).toBe("proxy did not start");
  });
});

describe("the verifier's command line", () => {
  const pact = new URL("fixtures/complete.pact.json", import.meta.url).pathname;
  const message = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
    const parsed = parseVerifyArgs(argv, env);
    return parsed.ok ? "ok" : parsed.message;
  };

  it("refuses a provider URL without its states URL or token, naming what is missing", () => {
    const base = ["--pact", pact, "--provider-base-url", "http://127.0.0.1:1"];
    expect(message(base)).toBe("--provider-base-url needs --provider-states-url");
    const states = ["--provider-states-url", "http://127.0.0.1:1/states"];
    expect(message(["--pact", pact, ...states])).toBe(
      "--provider-states-url needs --provider-base-url",
    );
    expect(message([...base, ...states])).toContain("needs a token: set USER_EXTRA_PROVIDER_TOKEN");
    const badUrl = ["--pact", pact, "--provider-base-url", "ftp://x", ...states];
    expect(message(badUrl, { USER_EXTRA_PROVIDER_TOKEN: "t" })).toBe(
      '--provider-base-url "ftp://x" is not an http(s) URL',
    );
  });

  it("takes the token from the environment and trims trailing slashes", () => {
    const parsed = parseVerifyArgs(
      [
        "--pact",
        pact,
        "--provider-base-url",
        "http://127.0.0.1:1/",
        "--provider-states-url",
        "http://127.0.0.1:1/s/",
      ],
      { USER_EXTRA_PROVIDER_TOKEN: TOKEN },
    );
    expect(parsed).toEqual({
      ok: true,
      args: {
        pactFile: pact,
        logLevel: "warn",
        remote: {
          providerBaseUrl: "http://127.0.0.1:1",
          providerStatesUrl: "http://127.0.0.1:1/s",
          token: TOKEN,
        },
      },
    });
  });

  it("refuses a missing pact file, an unknown flag and an unknown log level", () => {
    expect(message(["--pact", "/nonexistent/pact.json"])).toContain(
      "--pact /nonexistent/pact.json: no such file",
    );
    expect(message(["--pact", pact, "--nope"])).toContain("--nope");
    expect(message(["--pact", pact, "--log-level", "loud"])).toBe(
      `--log-level "loud" must be one of ${LOG_LEVELS.join(", ")}`,
    );
  });

  it("the script exits 1 with the message and the usage on bad usage", () => {
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/verify.ts", "--pact", "/nonexistent/pact.json"],
      {
        cwd: new URL("..", import.meta.url).pathname,
        encoding: "utf8",
        env: { ...process.env, USER_EXTRA_PROVIDER_TOKEN: "" },
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("verify: --pact /nonexistent/pact.json: no such file");
    expect(result.stderr).toContain("usage: verify");
  });
});
