// The dashboard's one screen: how many profiles the organization has, and its latest ones.
// It relies on `count` and on the list holding records of the organization it asks for only.
import { PermissionDeniedError, type UserExtraClient } from "@user-extra/client";

export const PAGE_SIZE = 5;

export type Overview =
  | { status: "ok"; total: number; recordIds: number[] }
  | { status: "no access" };

export async function organizationOverview(
  client: UserExtraClient,
  organizationId: number,
): Promise<Overview> {
  try {
    const page = await client.list({ organizationId, limit: PAGE_SIZE });
    return { status: "ok", total: page.count, recordIds: page.results.map((r) => r.id) };
  } catch (error) {
    // Another organization's dashboard: shown as such, not as an error.
    if (error instanceof PermissionDeniedError) return { status: "no access" };
    throw error;
  }
}
