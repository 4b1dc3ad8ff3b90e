import { createUserExtraClient } from "@user-extra/client";

const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL,
  token: process.env.USER_EXTRA_TOKEN ?? "",
});

const lines: string[] = [];
for await (const profile of client.listAll({ limit: 1000 }, { concurrency: 4 })) {
  lines.push(JSON.stringify(profile)); // e.g. one line of an export file
}
console.log(`${lines.length} records exported`);
