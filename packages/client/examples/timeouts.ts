import {
  APIConnectionTimeoutError,
  APIUserAbortError,
  createUserExtraClient,
} from "@user-extra/client";

// Each attempt may take 20 s (default 60 s)...
const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL,
  token: process.env.USER_EXTRA_TOKEN ?? "",
  timeoutMs: 20_000,
});

// ...or 5 s for this call, which the user can also cancel.
const cancel = new AbortController();
setTimeout(() => cancel.abort(), 2_000); // e.g. the user left the page
try {
  await client.list({ limit: 1000 }, { timeoutMs: 5_000, signal: cancel.signal });
} catch (err) {
  if (err instanceof APIConnectionTimeoutError) console.log("the API was too slow");
  else if (err instanceof APIUserAbortError) console.log("cancelled by the user");
  else throw err;
}
