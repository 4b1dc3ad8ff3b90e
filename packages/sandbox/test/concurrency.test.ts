// Two sandbox processes on one database file, PATCHing different fields of one record at once:
// each PATCH writes only its own columns in one transaction, so no field is lost.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { type RunningCli, startCli } from "./helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "sandbox-concurrency-"));
const running: RunningCli[] = [];
afterAll(async () => {
  for (const cli of running) {
    cli.child.kill("SIGTERM");
    await cli.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

const TOKEN = "demo-token-org-1";
const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };

it("keeps every field when two processes PATCH different fields of one record concurrently", async () => {
  const db = join(dir, "shared.db");
  const a = await startCli(["--port", "0", "--db", db]);
  running.push(a);
  const b = await startCli(["--port", "0", "--db", db]);
  running.push(b);

  const created = await fetch(`${a.url}/user_extra/`, {
    method: "POST",
    headers,
    body: JSON.stringify({ parent: 45 }),
  });
  const { id } = (await created.json()) as { id: number };

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
    "state",
    "country",
    "title",
    "company",
    "telephone",
    "locale",
    "hometown",
  ];
  const rounds = 3;
  const requests = [];
  for (let round = 0; round < rounds; round++) {
    for (const [i, field] of fields.entries()) {
      const server = (i + round) % 2 === 0 ? a : b;
      requests.push(
        fetch(`${server.url}/user_extra/${id}/`, {
          method: "PATCH",
          headers,
          body: JSON.stringify({ [field]: `${field} round ${round}` }),
        }).then((r) => r.status),
      );
    }
    // Each round's PATCHes race each other; the rounds are ordered, so the last value is known.
    expect(await Promise.all(requests.splice(0))).toEqual(fields.map(() => 200));
  }

  for (const server of [a, b]) {
    const record = (await (
      await fetch(`${server.url}/user_extra/${id}/`, { headers })
    ).json()) as Record<string, unknown>;
    for (const field of fields)
      expect(record[field], `${field} via ${server.url}`).toBe(`${field} round ${rounds - 1}`);
  }
});
