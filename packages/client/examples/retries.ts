import { createUserExtraClient } from "@user-extra/client";

// Retries for every request of this client (default 2)...
const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL,
  token: process.env.USER_EXTRA_TOKEN ?? "",
  maxRetries: 4,
});

// ...or for one call. POST (create) is never retried, whatever maxRetries says.
const profile = await client.get(1, {}, { maxRetries: 0 });
console.log(profile.id);
