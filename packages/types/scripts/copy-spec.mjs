// Ships the bundled spec beside the build so consumers can import "@user-extra/types/openapi.json".
import { copyFile } from "node:fs/promises";

await copyFile(
  new URL("../src/generated/openapi.json", import.meta.url),
  new URL("../dist/openapi.json", import.meta.url),
);
