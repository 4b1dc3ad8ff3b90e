// Use case 2: an organization dashboard. Walk every profile of the organization with
// auto-pagination (one page in memory at a time) and report how complete they are.
import { createUserExtraClient, type UserExtra } from "@user-extra/client";

const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL,
  token: process.env.USER_EXTRA_TOKEN ?? "",
});

const tracked = ["gender", "birthday", "city", "country", "telephone", "company"] as const;
const filled = new Map<keyof UserExtra, number>(tracked.map((field) => [field, 0]));
let total = 0;

const organizationId = Number(process.env.ORGANIZATION_ID ?? 1);
for await (const profile of client.listAll({ organizationId, limit: 100 })) {
  total += 1;
  for (const field of tracked) {
    if (profile[field] != null) filled.set(field, (filled.get(field) ?? 0) + 1);
  }
}

console.log(`organization ${organizationId}: ${total} profiles`);
for (const [field, count] of filled) {
  console.log(`${field.padEnd(10)} ${total ? Math.round((100 * count) / total) : 0}% filled`);
}
