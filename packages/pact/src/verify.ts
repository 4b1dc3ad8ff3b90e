// @user-extra/pact/verify: the verifier behind `user-extra-verify`, for a provider that scripts it.
export {
  BROKER_TOKEN_ENV,
  type BrokerSource,
  type ConsumerVersionSelector,
  DEFAULT_SELECTORS,
  LOG_LEVELS,
  type LogLevel,
  type Parsed,
  PROVIDER_TOKEN_ENV,
  parseVerifyArgs,
  type Target,
  USAGE,
  type VerifyArgs,
} from "./verifier/args.js";
export {
  interactionsOf,
  type PactInteraction,
  readPactFile,
  unknownStates,
} from "./verifier/pacts.js";
export {
  type Failure,
  formatFailures,
  junitReport,
  parseFailures,
  redact,
  splitInteraction,
} from "./verifier/report.js";
export {
  EXIT,
  type Outcome,
  type ResolvedTarget,
  runVerification,
  secretsOf,
  unreachable,
  verifierOptions,
} from "./verifier/run.js";
export {
  forwardState,
  newSession,
  requestFilter,
  type StateAction,
  stateHandlers,
  type VerificationSession,
} from "./verifier/states.js";
