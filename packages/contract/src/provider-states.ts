/**
 * The provider-state vocabulary the pact is written in (CONVENTIONS.md section 2), verbatim:
 * braces are literal, the values travel in the state's params. Consumer tests name states only
 * through this table; provider verification handles exactly these.
 */
export const STATE = {
  exists: "a user extra with id {id} exists",
  missing: "no user extra with id {id} exists",
  existsElsewhere: "a user extra with id {id} exists in another organization",
  parentFree: "parent {parent} has no user extra",
  parentTaken: "a user extra exists for parent {parent}",
  organizationHasRecords: "user extras exist in organization {organizationId}",
  otherOrganization: "organization {organizationId} is another organization",
  unauthenticated: "the caller is not authenticated",
} as const;

export type ProviderStateName = (typeof STATE)[keyof typeof STATE];

export const VOCABULARY: readonly ProviderStateName[] = Object.values(STATE);

/** The state whose interactions must reach the provider with the consumer's (invalid) token. */
export const UNAUTHENTICATED: ProviderStateName = STATE.unauthenticated;
