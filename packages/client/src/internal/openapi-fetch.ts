// openapi-fetch's factory, whichever way this file was bundled. Our package is "type": "module",
// so the CJS build wraps openapi-fetch's CommonJS module Node-style: `default` is then the whole
// module (whose own `default` is the factory) instead of the factory itself.
import * as openapiFetch from "openapi-fetch";

type CreateClient = typeof openapiFetch.default;
const imported: unknown = openapiFetch.default;

export const createClient = (
  typeof imported === "function" ? imported : (imported as { default: CreateClient }).default
) as CreateClient;
