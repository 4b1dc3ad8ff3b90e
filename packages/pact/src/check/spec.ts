// The parts of an OpenAPI document the spec check reads, and where the spec is by default: the
// bundled document of @user-extra/types, the one the installed client was built from.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse as parseYaml } from "yaml";

export interface OpenApiDocument {
  servers?: Array<{ url: string; variables?: Record<string, { default: string }> }>;
  paths: Record<string, Record<string, unknown>>;
}

/** The spec @user-extra/types bundles (JSON). */
export function bundledSpecFile(): string {
  return createRequire(import.meta.url).resolve("@user-extra/types/openapi.json");
}

/** Reads a YAML or JSON OpenAPI document, failing with the file and the missing part named. */
export function readSpec(file: string): OpenApiDocument {
  const doc: unknown = parseYaml(readFileSync(file, "utf8"));
  const paths = (doc as { paths?: unknown } | null)?.paths;
  if (typeof paths !== "object" || paths === null || Array.isArray(paths)) {
    throw new Error(
      `spec ${file}: "paths" is missing or not an object; expected an OpenAPI 3 document`,
    );
  }
  return doc as OpenApiDocument;
}

/**
 * The path prefix every operation lives under: the path of the first server URL
 * (`https://gate.zequenze.com/api/v1` -> `/api/v1`), with server variables at their defaults.
 */
export function serverBasePath(spec: OpenApiDocument): string {
  const server = spec.servers?.[0];
  if (!server) return "";
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = server.variables?.[name];
    if (!variable) throw new Error(`spec servers[0].url: variable {${name}} has no default`);
    return variable.default;
  });
  return new URL(url, "http://relative.invalid").pathname.replace(/\/+$/, "");
}
