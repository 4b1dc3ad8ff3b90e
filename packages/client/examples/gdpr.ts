// Use case 5: a GDPR/CCPA request. Export everything stored for the account (device
// information included), write it to a file, then delete it. Deletion cannot be undone,
// so the export is written first.
import { writeFile } from "node:fs/promises";
import { createUserExtraClient, NotFoundError } from "@user-extra/client";

const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL,
  token: process.env.USER_EXTRA_TOKEN ?? "",
});

const accountId = Number(process.env.ACCOUNT_ID ?? 45);
const { results } = await client.list({ parent: accountId, deviceInfo: true });

const file = `gdpr-export-${accountId}.json`;
await writeFile(file, JSON.stringify({ accountId, exportedAt: new Date(), results }, null, 2));
console.log(`exported ${results.length} record(s) to ${file}`);

for (const record of results) {
  try {
    await client.delete(record.id);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err; // already deleted elsewhere: fine
  }
}
console.log(`deleted the user extra data of account ${accountId}`);
