// Use case 3: event registration. Store the attendee's event answers in the custom fields
// (agree on one naming convention per organization), and report bad input field by field.
import {
  BadRequestError,
  ConflictError,
  createUserExtraClient,
  InvalidInputError,
  type UserExtraCreate,
} from "@user-extra/client";

const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL,
  token: process.env.USER_EXTRA_TOKEN ?? "",
});

const registration: UserExtraCreate = {
  parent: Number(process.env.ACCOUNT_ID ?? 67),
  event: "devconf-2025",
  accept_terms: true,
  company: "Tech Solutions Inc",
  custom_field_1: "diet:vegetarian",
  custom_field_2: "accommodation:single-room",
  custom_field_3: "tshirt:M",
};

try {
  const attendee = await client.create(registration);
  console.log(`registered profile ${attendee.id} for ${attendee.event}`);
} catch (err) {
  if (err instanceof ConflictError) {
    // The account has a profile already: update only the event fields on it.
    const { parent, ...eventFields } = registration;
    const [existing] = (await client.list({ parent })).results;
    if (!existing) throw err;
    await client.patch(existing.id, eventFields);
    console.log(`updated profile ${existing.id} for ${registration.event}`);
  } else if (err instanceof BadRequestError) {
    for (const [field, messages] of Object.entries(err.fieldErrors)) {
      console.error(`${field}: ${messages.join(" ")}`);
    }
  } else if (err instanceof InvalidInputError) {
    console.error(`fix ${err.field}: ${err.message}`); // refused before sending
  } else {
    throw err;
  }
}
