// Ships the bundled spec beside the build so consumers can import "@user-extra/types/openapi.json":
// dist/openapi.json for resolutions that read `exports`, and a copy at the package root for
// node10 resolution (TypeScript's "node"/"node10" ignores `exports`).
import { copyFile } from "node:fs/promises";

const spec = new URL("../src/generated/openapi.json", import.meta.url);
await copyFile(spec, new URL("../dist/openapi.json", import.meta.url));
await copyFile(spec, new URL("../openapi.json", import.meta.url));
