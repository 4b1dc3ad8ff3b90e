/**
 * The provider-state vocabulary: the only states a consumer test may name, and the only ones a
 * provider implements (the README says what a provider must do for each). Names are verbatim,
 * braces literal; the values travel in the state's params, so one provider handler serves every
 * value. Tests name states through the builders, which type their params.
 */
import type { UserExtraPatch } from "@user-extra/types";

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

/** The state whose interactions reach the provider with the consumer's (invalid) token. */
export const UNAUTHENTICATED: ProviderStateName = STATE.unauthenticated;

type JsonValue = string | number | boolean | null;
export type StateParams = Record<string, JsonValue>;

/** `[name, params]`: spread it into PactV4's `.given(...)`. */
export type ProviderState = readonly [name: ProviderStateName, params?: StateParams];

/** Field values the provider must hold in the record (for example what a PATCH must keep). */
export type RecordFields = UserExtraPatch;

const withFields = (params: StateParams, fields: RecordFields = {}): StateParams => ({
  ...(fields as StateParams),
  ...params,
});
const defined = (params: Record<string, JsonValue | undefined>): StateParams =>
  Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as StateParams;

export const given = {
  /** A record with this id in the caller's organization (under `parent`, holding `fields`). */
  recordExists: (p: { id: number; parent?: number; fields?: RecordFields }): ProviderState => [
    STATE.exists,
    withFields(defined({ id: p.id, parent: p.parent }), p.fields),
  ],
  /** No record has this id. */
  recordMissing: (p: { id: number }): ProviderState => [STATE.missing, { id: p.id }],
  /** A record with this id, owned by another organization (the caller gets 403). */
  recordInAnotherOrganization: (p: { id: number }): ProviderState => [
    STATE.existsElsewhere,
    { id: p.id },
  ],
  /** Account `parent` in the caller's organization, with no record (POST for it: 201). */
  parentWithoutRecord: (p: { parent: number }): ProviderState => [
    STATE.parentFree,
    { parent: p.parent },
  ],
  /** Account `parent` has a record (POST for it: 409). */
  parentWithRecord: (p: { parent: number }): ProviderState => [
    STATE.parentTaken,
    { parent: p.parent },
  ],
  /** The caller belongs to this organization, which has at least `count` records (default 3). */
  organizationHasRecords: (p: { organizationId: number; count?: number }): ProviderState => [
    STATE.organizationHasRecords,
    defined({ organizationId: p.organizationId, count: p.count }),
  ],
  /** This organization exists and is not the caller's (the caller gets 403). */
  anotherOrganization: (p: { organizationId: number }): ProviderState => [
    STATE.otherOrganization,
    { organizationId: p.organizationId },
  ],
  /** Nothing: the request carries no valid token (401). */
  unauthenticated: (): ProviderState => [STATE.unauthenticated],
} as const;
