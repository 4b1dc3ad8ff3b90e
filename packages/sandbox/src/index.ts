// @user-extra/sandbox: a stateful reference provider of the User Extra API on SQLite.
export { type Sandbox, type SandboxOptions, DEFAULT_BODY_LIMIT, startSandbox } from "./sandbox.js";
export { DEFAULT_LIMIT } from "./pagination.js";
export { DEFAULT_TOKENS, TOKENS_ENV } from "./tokens.js";
export { PROVIDER_STATES, type ProviderState } from "./provider-states.js";
export { PROVIDER_STATES_PATH } from "./server.js";
export { generateProfile } from "./seed.js";
