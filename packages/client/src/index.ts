export type {
  BadRequestBody,
  DeviceInfo,
  ErrorDetail,
  Gender,
  UserExtra,
  UserExtraCreate,
  UserExtraPage,
  UserExtraPatch,
  UserExtraUpdate,
  ValidationErrors,
} from "@user-extra/types";
export {
  type ClientOptions,
  createUserExtraClient,
  DEFAULT_BASE_URL,
  type Token,
} from "./client.js";
export { APIPromise } from "./core/api-promise.js";
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIResponseValidationError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UserExtraError,
} from "./core/errors.js";
export type { Logger, LogLevel } from "./core/log.js";
export type { GetQuery, ListQuery, OperationId } from "./generated/api.gen.js";
export type { Fetch, PageOptions, RequestOptions, WithResponse } from "./internal/transport.js";
export { VERSION } from "./internal/version.js";
export type { UserExtraClient } from "./resources/user-extra.js";
