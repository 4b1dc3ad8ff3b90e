import { createUserExtraClient } from "@user-extra/client";

const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL,
  token: process.env.USER_EXTRA_TOKEN ?? "",
});

// Every record matching the filters, fetched page by page as the loop advances.
for await (const profile of client.listAll({ organizationId: 1, limit: 50 })) {
  console.log(profile.id, profile.country);
}

// Or page by page.
for await (const page of client.pages({ organizationId: 1, limit: 50 })) {
  console.log(`${page.results.length} of ${page.count}`);
}

// Or one page by hand.
const first = await client.list({ limit: 50, offset: 0 });
console.log(first.next);
