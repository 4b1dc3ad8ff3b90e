/** How a spec difference affects a consumer of the published types and client. */
export type Severity = "breaking" | "non-breaking" | "unclassified";

export interface Difference {
  severity: Severity;
  /** Stable identifier of the rule, e.g. `request.enum.value-removed`, `response.status-code.remove`. */
  code: string;
  /** The change, without its location: `enum value "o" removed from \`gender\` (schema Gender)`. */
  what: string;
  /** Where it happens: `POST /user_extra/ request body \`gender\``. */
  where: string;
  /** Why it has this severity, in a consumer's terms. */
  why?: string;
  /** openapi-diff, or one of this package's rules (openapi-diff does not see enums or parameters). */
  source: "openapi-diff" | "rule";
  /** Operation and part it belongs to (`POST /user_extra/|request`), used to merge both sources. */
  scope?: string;
}

export type Bump = "major" | "minor" | "patch" | "none";

export const BUMP_RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };
