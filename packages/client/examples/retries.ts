import { createUserExtraClient } from "@user-extra/client";

// Retries for every request of this client (default 2)...
const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL,
  token: process.env.USER_EXTRA_TOKEN ?? "",
  maxRetries: 4,
});

// ...or for one call.
const profile = await client.get(1, {}, { maxRetries: 0 });
console.log(profile.id);

// A POST is retried only with an idempotency key (the provider must honour it: answer a
// repeated key with the first outcome). Without one, maxRetries is ignored for a POST.
export function register(accountId: number, signupId: string) {
  return client.create({ parent: accountId }, { idempotencyKey: `signup-${signupId}` });
}
