// The error a non-2xx response becomes: the class its status maps to in the spec's table.
import { BY_STATUS } from "../generated/errors.gen.js";
import { APIError, excerptOf, InternalServerError } from "./errors.js";

// `body: never` lets every subclass (each with its own body type) fit one table.
type APIErrorClass = new (
  status: number,
  body: never,
  method: string,
  path: string,
  headers: Record<string, string>,
  excerpt?: string,
) => APIError;

/** The error class that matches the status, from the body already read. */
export function errorFromResponse(
  res: Response,
  text: string,
  method: string,
  path: string,
): APIError {
  let body: unknown;
  let excerpt: string | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    excerpt = excerptOf(text);
  }
  const Cls: APIErrorClass =
    (BY_STATUS as Record<number, APIErrorClass>)[res.status] ??
    (res.status >= 500 ? InternalServerError : APIError);
  return new Cls(res.status, body as never, method, path, Object.fromEntries(res.headers), excerpt);
}
