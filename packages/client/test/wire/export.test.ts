// Parallel export against the real provider: the sandbox (from its source) on loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserExtraClient } from "../../src/index.js";

describe("listAll with concurrency against the sandbox", () => {
  const entry = new URL("../../../sandbox/src/index.ts", import.meta.url).pathname;
  let sandbox:
    | {
        url: string;
        demoToken: string;
        addAccount(id: number, organizationId: number): void;
        close(): Promise<void>;
      }
    | undefined;
  beforeAll(async () => {
    const { startSandbox } = await import(/* @vite-ignore */ entry);
    sandbox = await startSandbox({ seed: 300, quiet: true });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const client = () =>
    createUserExtraClient({ baseUrl: sandbox?.url, token: sandbox?.demoToken ?? "" });
  const ids = async (concurrency: number) => {
    const out: number[] = [];
    for await (const r of client().listAll({ limit: 5 }, { concurrency })) out.push(r.id);
    return out;
  };

  it("yields the sequential walk's records, in its order, at concurrency 1, 4 and 16", async () => {
    const { count } = await client().list({ limit: 1 });
    const sequential = await ids(1);
    expect(sequential).toHaveLength(count);
    expect(count).toBeGreaterThan(5 * 16); // more pages than the widest window
    expect(await ids(4)).toEqual(sequential);
    expect(await ids(16)).toEqual(sequential);
  });

  it("sees records created during the walk, as the sequential walk does", async () => {
    const c = client();
    const before = (await c.list({ limit: 1 })).count;
    const seen: number[] = [];
    let created: number | undefined;
    for await (const r of c.listAll({ limit: 7 }, { concurrency: 4 })) {
      seen.push(r.id);
      if (created === undefined) {
        // A new account of the demo token's organization (1); its record sorts last.
        sandbox?.addAccount(990_001, 1);
        created = (await c.create({ parent: 990_001 })).id;
      }
    }
    expect(created).toBeDefined();
    expect(seen).toHaveLength(before + 1);
    expect(seen.at(-1)).toBe(created);
  });
});
