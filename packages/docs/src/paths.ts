// Where the site's sources are and where it is written.
import { fileURLToPath } from "node:url";

const at = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export const PACKAGE_DIR = at("..");
export const ROOT = at("../../../");
export const SPEC = at("../../../openapi/user-extra.yaml");
export const GUIDES_DIR = at("../guides/");
export const CLIENT_DIR = at("../../client/");
export const SITE_DIR = at("../site/");
export const ARTIFACTS_DIR = at("../artifacts/");
