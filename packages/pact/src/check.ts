// @user-extra/pact/check: a pact checked against the spec (bi-directional), as user-extra-pact-check runs it.
export {
  type BidirectionalResult,
  checkBidirectional,
  formatBidirectional,
  type ValidationFinding,
  withServerPathInPaths,
} from "./check/bidirectional.js";
export { bundledSpecFile, type OpenApiDocument, readSpec, serverBasePath } from "./check/spec.js";
