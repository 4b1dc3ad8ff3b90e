// openapi-fetch's factory, whichever way this file was bundled. Our package is "type": "module",
// so the CJS build wraps openapi-fetch's CommonJS module Node-style: `default` is then the whole
// module (whose own `default` is the factory) instead of the factory itself.
import * as openapiFetch from "openapi-fetch";

type CreateClient = typeof openapiFetch.default;
const mod = openapiFetch.default as CreateClient & { default?: CreateClient };

export const createClient: CreateClient =
  typeof mod === "function" ? mod : (mod.default as CreateClient);
