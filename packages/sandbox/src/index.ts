// @user-extra/sandbox: a stateful reference provider of the User Extra API on SQLite.

export { DEFAULT_LIMIT, DEFAULT_MAX_LIMIT } from "./pagination.js";
export { PROVIDER_STATES, type ProviderState } from "./provider-states.js";
export { DEFAULT_BODY_LIMIT, type Sandbox, type SandboxOptions, startSandbox } from "./sandbox.js";
export { generateProfile } from "./seed.js";
export { PROVIDER_STATES_PATH } from "./server.js";
export type { FieldValue, FieldValues } from "./store.js";
export { DEFAULT_ACCOUNTS, DEFAULT_TOKENS, TOKENS_ENV } from "./tokens.js";
