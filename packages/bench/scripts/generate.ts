// `generate`: writes the peer the benchmarks compare against, the client @hey-api/openapi-ts
// generates from the spec, into src/generated/hey-api (a build output, never committed).
import { generateHeyApi, HEY_API_DIR } from "../src/bundle.js";

await generateHeyApi();
console.log(`hey-api client generated in ${HEY_API_DIR}`);
