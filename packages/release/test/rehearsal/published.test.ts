import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { checkPublished } from "../../src/rehearsal/published.js";

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

/** A loopback registry answering one packument. */
async function registryWith(packument: unknown): Promise<string> {
  const started = createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(packument));
  });
  server = started;
  await new Promise<void>((resolve) => started.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(started.address() as AddressInfo).port}/`;
}

const versions = { "@user-extra/types": "0.2.0", "@user-extra/client": "0.2.0" };
const clientWith = (dependencies: Record<string, string>) => ({
  "dist-tags": { latest: "0.2.0" },
  versions: { "0.2.0": { dependencies } },
});

describe("checkPublished", () => {
  it("accepts real ranges on the sibling just published", async () => {
    const url = await registryWith(
      clientWith({ "@user-extra/types": "^0.2.0", "openapi-fetch": "0.17.0" }),
    );
    await expect(
      checkPublished(url, "@user-extra/client", "0.2.0", versions),
    ).resolves.toBeUndefined();
  });

  it("refuses a workspace: or catalog: range left in the manifest", async () => {
    const url = await registryWith(clientWith({ "@user-extra/types": "workspace:^" }));
    await expect(checkPublished(url, "@user-extra/client", "0.2.0", versions)).rejects.toThrow(
      /"@user-extra\/types": "workspace:\^"/,
    );
    server?.close();
    const url2 = await registryWith(clientWith({ "openapi-fetch": "catalog:" }));
    await expect(checkPublished(url2, "@user-extra/client", "0.2.0", versions)).rejects.toThrow(
      /"openapi-fetch": "catalog:"/,
    );
  });

  it("refuses a range on an older sibling", async () => {
    const url = await registryWith(clientWith({ "@user-extra/types": "^0.1.0" }));
    await expect(checkPublished(url, "@user-extra/client", "0.2.0", versions)).rejects.toThrow(
      /expected "\^0\.2\.0"/,
    );
  });
});
