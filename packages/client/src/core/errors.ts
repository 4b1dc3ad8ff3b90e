// Every error the SDK throws. None of them holds the request (its headers carry the token):
// API errors keep the response's status, body and headers, plus the method and path.
import type { BadRequestBody, ErrorDetail } from "@user-extra/types";

/** Base of every error the SDK throws. */
export class UserExtraError extends Error {}

/** Refused before sending: `field` names the offending input. */
export class InvalidInputError extends UserExtraError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** A non-2xx response. */
export class APIError<TBody = unknown> extends UserExtraError {
  readonly status: number;
  /** The parsed JSON body; `undefined` when the body is empty or not JSON (see `excerpt`). */
  readonly body: TBody | undefined;
  readonly method: string;
  /** Path and query of the request, without the origin. */
  readonly path: string;
  /** Response headers, names in lower case. */
  readonly headers: Record<string, string>;
  /** `x-request-id` (or `request-id`) response header. */
  readonly requestId: string | undefined;
  /** Start of a body that is not JSON, whitespace collapsed. */
  readonly excerpt: string | undefined;

  constructor(
    status: number,
    body: TBody | undefined,
    method: string,
    path: string,
    headers: Record<string, string>,
    excerpt?: string,
  ) {
    const requestId = headers["x-request-id"] ?? headers["request-id"];
    super(
      `${status} ${method} ${path}: ${describe(status, body, excerpt)}${
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

/** No response arrived (network failure, DNS, refused connection, ...). */
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
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
})) {
  cls.prototype.name = name;
}

// `body: never` lets every subclass (each with its own body type) fit one table.
type APIErrorClass = new (
  status: number,
  body: never,
  method: string,
  path: string,
  headers: Record<string, string>,
  excerpt?: string,
) => APIError;

const BY_STATUS: Record<number, APIErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  429: RateLimitError,
};

/** Reads the body once and builds the error class that matches the status. */
export async function errorFromResponse(
  res: Response,
  method: string,
  path: string,
): Promise<APIError> {
  let text = "";
  try {
    text = await res.text();
  } catch {
    // A truncated body still yields the typed error, with what was read (nothing).
  }
  let body: unknown;
  let excerpt: string | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    excerpt = text.replace(/\s+/g, " ").trim();
    if (excerpt.length > 200) excerpt = `${excerpt.slice(0, 200)}…`;
  }
  const Cls = BY_STATUS[res.status] ?? (res.status >= 500 ? InternalServerError : APIError);
  return new Cls(res.status, body as never, method, path, Object.fromEntries(res.headers), excerpt);
}

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
