import { createUserExtraClient } from "@user-extra/client";

async function fetchTokenFromVault(): Promise<string> {
  return process.env.USER_EXTRA_TOKEN ?? "";
}

const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL,
  // Called before every attempt, so a rotated token is picked up without a new client.
  token: () => fetchTokenFromVault(),
  headers: { "x-team": "crm-sync" },
  userAgent: "crm-sync/1.4",
  // Any fetch: a proxy agent, a test double, a tracing wrapper... Pass `init` on: it carries
  // the AbortSignal of the timeout and of your own `signal`.
  fetch: (request, init) => {
    console.log("sending", request.method, request.url);
    return fetch(request, init);
  },
  logger: console,
  logLevel: "debug", // or USER_EXTRA_LOG=debug; requests at debug, retries at info
  secretHeaders: ["x-team"], // shown as [redacted] in logs, like Authorization and cookies
});

// The data with its Response and request id, from any single-call method.
const { data: profile, response: res, requestId } = await client.get(1).withResponse();
console.log(profile.id, res.status, requestId);

// The openapi-fetch client: same auth, retries and timeouts, typed by the spec, and it
// returns { data, error, response } instead of throwing on a non-2xx status.
const { data, error, response } = await client.raw.GET("/user_extra/{id}/", {
  params: { path: { id: 1 }, query: { device_info: true } },
});
console.log(response.status, data?.device_info ?? error);
