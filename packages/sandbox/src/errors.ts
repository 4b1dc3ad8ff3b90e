// The error bodies the sandbox answers with: `{"detail": ...}` as the spec's ErrorDetail, or
// the field-to-messages map of a 400.
import type { ErrorDetail, ValidationErrors } from "@user-extra/types";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorDetail | ValidationErrors,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.detail === "string" ? body.detail : `HTTP ${status}`);
  }
}

export const notFound = () => new HttpError(404, { detail: "Not found." });

export const forbidden = () =>
  new HttpError(403, { detail: "You do not have permission to perform this action." });

export const unauthorized = (detail: string) =>
  new HttpError(401, { detail }, { "www-authenticate": 'Bearer realm="api"' });

export const badRequest = (errors: ValidationErrors) => new HttpError(400, errors);

export const conflict = () =>
  new HttpError(409, { detail: "A user extra record already exists for this parent user." });
