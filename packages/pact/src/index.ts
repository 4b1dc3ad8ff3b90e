// @user-extra/pact: write a pact of what your team uses of the User Extra API.
export { MatchersV3, PactV4 } from "@pact-foundation/pact";
export {
  API_BASE_PATH,
  authorized,
  type ClientOptions,
  CONSUMER_TOKEN,
  clientFor,
  definePact,
  INVALID_TOKEN,
  PROVIDER,
  paths,
  unauthorized,
  withClient,
} from "./kit/consumer.js";
export type { FieldSpec } from "./kit/field-spec.js";
export {
  errorDetail,
  exactly,
  matchField,
  page,
  record,
  validationErrors,
} from "./kit/matchers.js";
export {
  given,
  type ProviderState,
  type ProviderStateName,
  type RecordFields,
  STATE,
  type StateParams,
  UNAUTHENTICATED,
  VOCABULARY,
} from "./kit/states.js";
