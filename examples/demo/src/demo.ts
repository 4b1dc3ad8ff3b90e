// The end-to-end demo: starts the sandbox on a temporary database file, then uses
// @user-extra/client for the reference's use cases and prints what each step did.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConflictError,
  createUserExtraClient,
  NotFoundError,
  type UserExtra,
} from "@user-extra/client";
import { startSandbox } from "@user-extra/sandbox";

/** Profiles loaded at start: 1,000 in each of organizations 1, 2 and 3. */
const SEED = 3000;
/** The new user's account: one of the demo accounts of organization 1 (seeded ones start at 1000). */
const NEW_ACCOUNT = 45;

const n = (value: number) => value.toLocaleString("en-US");

function top(counts: Map<string, number>, k: number): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, k)
    .map(([key, count]) => `${key} ${n(count)}`)
    .join(", ");
}

export async function runDemo(log: (line: string) => void = console.log): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "user-extra-demo-"));
  const database = join(dir, "sandbox.db");
  const sandbox = await startSandbox({ database, seed: SEED, quiet: true });
  try {
    log(`Sandbox started at ${sandbox.url}`);
    log(
      `  database ${database}, ${n(sandbox.seeded)} generated profiles over organizations 1, 2 and 3`,
    );
    const client = createUserExtraClient({ baseUrl: sandbox.url, token: sandbox.demoToken });

    // 1. Onboarding: the record grows one PATCH per screen of the sign-up flow.
    log("");
    log(`1. Onboarding of account ${NEW_ACCOUNT} with progressive PATCH`);
    let profile: UserExtra = await client.create({
      parent: NEW_ACCOUNT,
      accept_terms: true,
      locale: "en_US",
    });
    log(`   POST  created record #${profile.id}: terms accepted, locale ${profile.locale}`);
    profile = await client.patch(profile.id, {
      gender: "f",
      birthday: "1995-06-15",
      age: 30,
      age_range: "25-34",
    });
    log(
      `   PATCH demographics: gender ${profile.gender}, born ${profile.birthday}, age ${profile.age}`,
    );
    profile = await client.patch(profile.id, {
      address: "123 Main Street, Apt 4B",
      city: "New York",
      state: "NY",
      postal_code: "10001",
      country: "United States",
      telephone: "+1-555-123-4567",
    });
    log(
      `   PATCH contact: ${profile.address}, ${profile.city} ${profile.postal_code}, ${profile.telephone}`,
    );
    profile = await client.patch(profile.id, {
      company: "Tech Solutions Inc",
      title: "Software Engineer",
      custom_field_1: "Department: Engineering",
      custom_field_3: "Team: Mobile",
    });
    log(
      `   PATCH work: ${profile.title} at ${profile.company}; earlier fields kept (city ${profile.city}, gender ${profile.gender})`,
    );

    // 2. Organization dashboard: auto-pagination over every record of the caller's organization.
    log("");
    log("2. Dashboard of organization 1 via auto-pagination");
    const countries = new Map<string, number>();
    const genders = new Map<string, number>();
    let records = 0;
    let pages = 0;
    let accepted = 0;
    for await (const page of client.pages({ organizationId: 1, limit: 250 })) {
      pages++;
      for (const record of page.results) {
        records++;
        if (record.accept_terms) accepted++;
        countries.set(
          record.country ?? "unknown",
          (countries.get(record.country ?? "unknown") ?? 0) + 1,
        );
        genders.set(record.gender ?? "unset", (genders.get(record.gender ?? "unset") ?? 0) + 1);
      }
    }
    log(`   read ${n(records)} profiles in ${pages} pages of up to 250`);
    log(`   top countries: ${top(countries, 3)}`);
    log(
      `   genders: ${top(genders, 4)}; terms accepted by ${Math.round((100 * accepted) / records)}%`,
    );

    // 3. CRM sync: the CRM holds the whole profile. client.update() sends every writable field,
    // null for those the CRM does not hold, so they are cleared on a DRF provider (whose PUT
    // keeps what a body leaves out) exactly as on one that resets them.
    log("");
    log(`3. CRM sync of record #${profile.id} with update() (PUT of every writable field)`);
    const before = profile;
    profile = await client.update(profile.id, {
      gender: "f",
      age: 30,
      birthday: "1995-06-15",
      locale: "en_US",
      address: "456 New Street, Suite 2A",
      city: "New York",
      state: "NY",
      postal_code: "10002",
      country: "United States",
      telephone: "+1-555-987-6543",
      company: "Advanced Tech Corp",
      title: "Senior Software Engineer",
      accept_terms: true,
      custom_field_1: "Department: Senior Engineering",
      custom_field_2: "Employee ID: SEN001",
    });
    log(`   PUT   title "${before.title}" -> "${profile.title}", address now ${profile.address}`);
    log(
      `   PUT   fields the CRM does not hold were sent as null and cleared: custom_field_3 "${before.custom_field_3}" -> ${profile.custom_field_3}, age_range "${before.age_range}" -> ${profile.age_range}`,
    );

    // 4. A second record for the same account is refused with a typed error.
    log("");
    log("4. Typed errors");
    try {
      await client.create({ parent: NEW_ACCOUNT });
      log("   unexpected: a second record was created");
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      log(
        `   POST for account ${NEW_ACCOUNT} again -> ${error.constructor.name} (${error.status}): ${(error.body as { detail?: string }).detail}`,
      );
    }

    // 5. GDPR: export everything held about the user, then erase it.
    log("");
    log(`5. GDPR export then DELETE of record #${profile.id}`);
    const exported = await client.get(profile.id, { deviceInfo: true });
    const exportFile = join(dir, `gdpr-export-account-${NEW_ACCOUNT}.json`);
    writeFileSync(exportFile, `${JSON.stringify(exported, null, 2)}\n`);
    const filled = Object.entries(exported).filter(([, v]) => v !== null).length;
    log(
      `   GET   exported ${Object.keys(exported).length} keys (${filled} with a value, device_info included) to ${exportFile}`,
    );
    await client.delete(profile.id);
    log(`   DELETE record #${profile.id}: erased`);
    try {
      await client.get(profile.id);
      log("   unexpected: the record is still there");
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      log(
        `   GET   #${profile.id} afterwards -> ${error.constructor.name} (${error.status}): ${(error.body as { detail?: string }).detail}`,
      );
    }
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
  log("");
  log("Sandbox stopped; the temporary database and export were removed.");
}
