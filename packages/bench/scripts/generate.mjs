// `generate`: writes the peer the benchmarks compare against, the client @hey-api/openapi-ts
// generates from the spec (its default output: SDK functions over its bundled fetch client),
// into src/generated/hey-api (a build output, never committed). Plain JavaScript, so that no
// TypeScript loader runs (tsx leaves a folder in the temp directory).
import { fileURLToPath } from "node:url";
import { createClient } from "@hey-api/openapi-ts";

const spec = fileURLToPath(new URL("../../../openapi/user-extra.yaml", import.meta.url));
const output = fileURLToPath(new URL("../src/generated/hey-api", import.meta.url));
await createClient({ input: spec, output, logs: { level: "silent" } });
console.log(`hey-api client generated in ${output}`);
