// Use case 1: onboarding. Create the profile when the account is created, then complete it
// with PATCH as the user fills in later screens: each PATCH changes only its own fields.
import { ConflictError, createUserExtraClient, type UserExtra } from "@user-extra/client";

const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL,
  token: process.env.USER_EXTRA_TOKEN ?? "",
});

async function startProfile(accountId: number): Promise<UserExtra> {
  try {
    return await client.create({ parent: accountId, locale: "en_US", accept_terms: true });
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    // The account already has a profile (a sign-up submitted twice): carry on with it.
    const { results } = await client.list({ parent: accountId });
    const existing = results[0];
    if (!existing) throw err;
    return existing;
  }
}

const accountId = Number(process.env.ACCOUNT_ID ?? 45);
let profile = await startProfile(accountId);

// Screen 2: about you.
profile = await client.patch(profile.id, { gender: "f", birthday: "1995-06-15" });
// Screen 3: contact details. gender and birthday keep their values.
profile = await client.patch(profile.id, {
  city: "New York",
  country: "United States",
  telephone: "+1-555-123-4567",
});
console.log(`profile ${profile.id} complete:`, profile.gender, profile.birthday, profile.city);
