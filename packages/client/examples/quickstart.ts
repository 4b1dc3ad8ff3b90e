import { createUserExtraClient } from "@user-extra/client";

const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL, // unset: https://gate.zequenze.com/api/v1
  token: process.env.USER_EXTRA_TOKEN ?? "",
});

const page = await client.list({ limit: 25 });
console.log(`${page.count} profiles, ${page.results.length} on the first page`);
for (const profile of page.results) {
  console.log(profile.id, profile.parent, profile.city ?? "(no city)");
}
