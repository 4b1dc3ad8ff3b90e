import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PROVIDER_STATES } from "@user-extra/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { given, STATE, VOCABULARY } from "../src/index";
import { forwardState, newSession, requestFilter, stateHandlers } from "../src/verify";

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
        res.end(JSON.stringify({ detail: `cannot set this up for ${TOKEN}` }));
      } else {
        res.end(JSON.stringify({ id: 7 }));
      }
    });
  });
  await new Promise<void>((resolve) => statesServer.listen(0, "127.0.0.1", resolve));
  statesUrl = `http://127.0.0.1:${(statesServer.address() as AddressInfo).port}/states`;
});
afterAll(() => new Promise((resolve) => statesServer.close(resolve)));

describe("the provider-state vocabulary", () => {
  it("is the one the sandbox implements, state for state", () => {
    expect([...VOCABULARY].sort()).toEqual([...PROVIDER_STATES].sort());
  });

  it("has a builder per state, each naming its state with the params it is given", () => {
    const built = [
      given.recordExists({ id: 1, parent: 45, fields: { city: "Porto" } }),
      given.recordMissing({ id: 9 }),
      given.recordInAnotherOrganization({ id: 2 }),
      given.parentWithoutRecord({ parent: 46 }),
      given.parentWithRecord({ parent: 45 }),
      given.organizationHasRecords({ organizationId: 1 }),
      given.anotherOrganization({ organizationId: 2 }),
      given.unauthenticated(),
    ];
    expect(built.map(([name]) => name).sort()).toEqual([...VOCABULARY].sort());
    expect(built[0]).toEqual([STATE.exists, { id: 1, parent: 45, city: "Porto" }]);
    // An optional param left out is absent, not null: the provider applies its default.
    expect(built[5]).toEqual([STATE.organizationHasRecords, { organizationId: 1 }]);
    // The state's own params win over a field of the same name.
    expect(given.recordExists({ id: 3, fields: { id: 4 } as never })[1]).toEqual({ id: 3 });
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
  const run = (unauthenticated: boolean, authorization?: string) => {
    const req = { headers: authorization ? { authorization } : {} } as IncomingMessage;
    let called = false;
    requestFilter(TOKEN, { ...newSession(), unauthenticated })(req, {} as ServerResponse, () => {
      called = true;
    });
    expect(called).toBe(true);
    return req.headers.authorization;
  };

  it("substitutes the valid token for the consumer's", () => {
    expect(run(false, "Bearer consumer-test-token")).toBe(`Bearer ${TOKEN}`);
    expect(run(false)).toBe(`Bearer ${TOKEN}`);
  });

  it("lets the consumer's invalid token through while the caller is not authenticated", () => {
    expect(run(true, "Bearer not-a-valid-token")).toBe("Bearer not-a-valid-token");
  });
});
