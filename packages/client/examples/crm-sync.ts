// Use case 4: CRM synchronisation. The nightly sync sets the whole record with update(), which
// sends every writable field (null for those the CRM does not hold, so they are cleared on any
// provider); webhooks for single changes use PATCH.
import { createUserExtraClient, NotFoundError, type UserExtraUpdate } from "@user-extra/client";

const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL,
  token: process.env.USER_EXTRA_TOKEN ?? "",
  maxRetries: 4, // PUT and PATCH are safe to repeat
});

interface CrmContact {
  userExtraId: number;
  phone: string | null;
  company: string | null;
  jobTitle: string | null;
  city: string | null;
  country: string | null;
  crmId: string;
}

function toUserExtra(c: CrmContact): UserExtraUpdate {
  return {
    telephone: c.phone,
    company: c.company,
    title: c.jobTitle,
    city: c.city,
    country: c.country,
    accept_terms: true,
    custom_field_1: `crm:${c.crmId}`,
  };
}

/** Nightly: the CRM is the source of truth for the whole record. */
export async function syncContact(contact: CrmContact) {
  try {
    return await client.update(contact.userExtraId, toUserExtra(contact));
  } catch (err) {
    if (err instanceof NotFoundError) return undefined; // deleted meanwhile: skip it
    throw err;
  }
}

/** Webhook: one field changed in the CRM. */
export async function onPhoneChanged(userExtraId: number, phone: string) {
  return client.patch(userExtraId, { telephone: phone });
}

const id = Number(process.env.USER_EXTRA_ID ?? 1);
await syncContact({
  userExtraId: id,
  phone: "+1-555-987-6543",
  company: "Advanced Tech Corp",
  jobTitle: "Senior Software Engineer",
  city: "New York",
  country: "United States",
  crmId: "C-1042",
});
const updated = await onPhoneChanged(id, "+1-555-111-2222");
// custom_field_1 may be absent from a response: the reference's GET omits it.
console.log(updated.telephone, updated.company, updated.custom_field_1 ?? "(not returned)");
