// Every error the SDK throws. None of them holds the request (its headers carry the token):
// API errors keep the response's status, body and headers, plus the method and path.
import type { BadRequestBody, ErrorDetail } from "@user-extra/types";

// Marks our errors whichever copy of the package (ESM or CJS build, two installs) made them.
const BRAND = Symbol.for("@user-extra/client/error");

/** Base of every error the SDK throws. */
export class UserExtraError extends Error {
  /** The request's method and path (without origin), when the error concerns one. */
  method?: string;
  path?: string;

  /**
   * `instanceof` across copies of the package: the CJS and ESM builds each define these
   * classes, so an error from one copy is matched by class name along its prototype chain.
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass `instanceof` asks about.
    if (Function.prototype[Symbol.hasInstance].call(this, x)) return true;
    if (!(x as Record<symbol, unknown> | null)?.[BRAND]) return false;
    for (let p = Object.getPrototypeOf(x); p; p = Object.getPrototypeOf(p)) {
      // biome-ignore lint/complexity/noThisInStatic: as above.
      if (Object.hasOwn(p, "name") && p.name === this.prototype.name) return true;
    }
    return false;
  }

  /** What JSON.stringify shows: never the request, so never the token. */
  toJSON() {
    const { name, message, status, requestId, method, path, field } = this as Partial<
      APIError & InvalidInputError
    >;
    return { name, message, status, requestId, method, path, field };
  }
}

/** Refused before sending: `field` names the offending input. */
export class InvalidInputError extends UserExtraError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** A response the SDK does not return as data: a non-2xx status, or a 2xx body unlike its type. */
export class APIError<TBody = unknown> extends UserExtraError {
  readonly status: number;
  /** The parsed JSON body; `undefined` when the body is empty or not JSON (see `excerpt`). */
  readonly body: TBody | undefined;
  declare method: string;
  /** Path and query of the request, without the origin. */
  declare path: string;
  /** Response headers, names in lower case. */
  readonly headers: Record<string, string>;
  /** `x-request-id` (or `request-id`) response header. */
  readonly requestId: string | undefined;
  /** Start of a body that is not JSON (or, for a 2xx, any body), whitespace collapsed. */
  readonly excerpt: string | undefined;

  constructor(
    status: number,
    body: TBody | undefined,
    method: string,
    path: string,
    headers: Record<string, string>,
    excerpt?: string,
    problem?: string,
  ) {
    const requestId = headers["x-request-id"] ?? headers["request-id"];
    super(
      `${status} ${method} ${path}: ${problem ?? describe(status, body, excerpt)}${
        requestId ? ` (request id ${requestId})` : ""
      }`,
    );
    this.status = status;
    this.body = body;
    this.method = method;
    this.path = path;
    this.headers = headers;
    this.requestId = requestId;
    this.excerpt = excerpt;
  }
}

export class BadRequestError extends APIError<BadRequestBody> {
  /**
   * Field name to messages (`non_field_errors` for the body as a whole); empty when the body
   * is `{"detail": ...}` (a body the provider could not parse), which `message` then shows.
   */
  get fieldErrors(): Record<string, string[]> {
    return fieldErrors(this.body);
  }
}
export class AuthenticationError extends APIError<ErrorDetail> {}
export class PermissionDeniedError extends APIError<ErrorDetail> {}
export class NotFoundError extends APIError<ErrorDetail> {}
export class ConflictError extends APIError<ErrorDetail> {}
export class RateLimitError extends APIError<ErrorDetail> {}
export class InternalServerError extends APIError<ErrorDetail> {}
/**
 * A 2xx whose body is empty, not JSON, or not the shape the method returns. For a POST the
 * request may have been applied (the record created) all the same.
 */
export class APIResponseValidationError extends APIError {}

/** No (whole) response arrived: network failure, DNS, refused connection, cut-off body, ... */
export class APIConnectionError extends UserExtraError {}
/** The SDK's own timeout fired (`timeoutMs`). */
export class APIConnectionTimeoutError extends APIConnectionError {}
/** The caller's AbortSignal fired. */
export class APIUserAbortError extends UserExtraError {}

// Class names survive minification this way (keys of an object literal are kept).
for (const [name, cls] of Object.entries({
  UserExtraError,
  InvalidInputError,
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  InternalServerError,
  APIResponseValidationError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
})) {
  cls.prototype.name = name;
}
(UserExtraError.prototype as unknown as Record<symbol, boolean>)[BRAND] = true;

/** Whitespace collapsed, at most 200 characters. */
export const excerptOf = (text: string) => {
  const e = text.replace(/\s+/g, " ").trim();
  return e.length > 200 ? `${e.slice(0, 200)}…` : e;
};

function fieldErrors(body: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (body && typeof body === "object") {
    for (const [k, v] of Object.entries(body)) if (Array.isArray(v)) out[k] = v.map(String);
  }
  return out;
}

function describe(status: number, body: unknown, excerpt: string | undefined): string {
  if (excerpt !== undefined) return excerpt ? `non-JSON body: ${excerpt}` : "empty body";
  const detail = (body as ErrorDetail | null)?.detail;
  if (typeof detail === "string") return detail;
  const fields = Object.entries(fieldErrors(body));
  if (status === 400 && fields.length) {
    return fields.map(([k, v]) => `${k}: ${v.join(" ")}`).join("; ");
  }
  return `${JSON.stringify(body)}`.slice(0, 200);
}
