import { BUMP_RANK, type Bump, type Difference } from "./types.js";

/** The packages the spec ships in: the types are generated from it, the client exposes them. */
export const SPEC_PACKAGES = ["@user-extra/types", "@user-extra/client"] as const;

export interface Verdict {
  ok: boolean;
  /** The smallest bump the differences call for. */
  needed: Bump;
  /** Spec packages whose pending bump is below `needed`, with what they have. */
  missing: Array<{ pkg: string; has: Bump }>;
}

/**
 * breaking -> major, non-breaking -> at least minor (an addition is a feature), unclassified ->
 * at least patch (the published spec changes; a person decides how much).
 */
export function requiredBump(differences: Difference[]): Bump {
  if (differences.some((d) => d.severity === "breaking")) return "major";
  if (differences.some((d) => d.severity === "non-breaking")) return "minor";
  if (differences.some((d) => d.severity === "unclassified")) return "patch";
  return "none";
}

export function evaluate(differences: Difference[], pending: Map<string, Bump>): Verdict {
  const needed = requiredBump(differences);
  const missing = SPEC_PACKAGES.map((pkg) => ({ pkg, has: pending.get(pkg) ?? "none" })).filter(
    ({ has }) => BUMP_RANK[has] < BUMP_RANK[needed],
  );
  return { ok: missing.length === 0, needed, missing };
}
