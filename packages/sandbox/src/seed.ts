// A small deterministic generator of realistic profiles (no faker dependency): profile n is
// always the same, so a seeded sandbox looks the same on every machine.
import type { FieldValues, Store } from "./store.js";

interface City {
  city: string;
  state: string;
  country: string;
  locale: string;
  lat: number;
  lon: number;
  phone: string;
  postal: (rand: () => number) => string;
}

/** mulberry32: a tiny seeded PRNG, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (rand: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(rand() * 10)).join("");

const letter = (rand: () => number) => String.fromCharCode(65 + Math.floor(rand() * 26));

const CITIES: readonly City[] = [
  {
    city: "New York",
    state: "NY",
    country: "United States",
    locale: "en_US",
    lat: 40.7128,
    lon: -74.006,
    phone: "+1-212",
    postal: (r) => `100${digits(r, 2)}`,
  },
  {
    city: "San Francisco",
    state: "CA",
    country: "United States",
    locale: "en_US",
    lat: 37.7749,
    lon: -122.4194,
    phone: "+1-415",
    postal: (r) => `941${digits(r, 2)}`,
  },
  {
    city: "Chicago",
    state: "IL",
    country: "United States",
    locale: "en_US",
    lat: 41.8781,
    lon: -87.6298,
    phone: "+1-312",
    postal: (r) => `606${digits(r, 2)}`,
  },
  {
    city: "Austin",
    state: "TX",
    country: "United States",
    locale: "en_US",
    lat: 30.2672,
    lon: -97.7431,
    phone: "+1-512",
    postal: (r) => `787${digits(r, 2)}`,
  },
  {
    city: "London",
    state: "England",
    country: "United Kingdom",
    locale: "en_GB",
    lat: 51.5074,
    lon: -0.1278,
    phone: "+44-20",
    postal: (r) => `SW${digits(r, 1)}A ${digits(r, 1)}${letter(r)}${letter(r)}`,
  },
  {
    city: "Manchester",
    state: "England",
    country: "United Kingdom",
    locale: "en_GB",
    lat: 53.4808,
    lon: -2.2426,
    phone: "+44-161",
    postal: (r) => `M${digits(r, 1)} ${digits(r, 1)}${letter(r)}${letter(r)}`,
  },
  {
    city: "Toronto",
    state: "ON",
    country: "Canada",
    locale: "en_CA",
    lat: 43.6532,
    lon: -79.3832,
    phone: "+1-416",
    postal: (r) => `M${digits(r, 1)}${letter(r)} ${digits(r, 1)}${letter(r)}${digits(r, 1)}`,
  },
  {
    city: "Sydney",
    state: "NSW",
    country: "Australia",
    locale: "en_AU",
    lat: -33.8688,
    lon: 151.2093,
    phone: "+61-2",
    postal: (r) => `20${digits(r, 2)}`,
  },
  {
    city: "Berlin",
    state: "Berlin",
    country: "Germany",
    locale: "de_DE",
    lat: 52.52,
    lon: 13.405,
    phone: "+49-30",
    postal: (r) => `101${digits(r, 2)}`,
  },
  {
    city: "Paris",
    state: "Île-de-France",
    country: "France",
    locale: "fr_FR",
    lat: 48.8566,
    lon: 2.3522,
    phone: "+33-1",
    postal: (r) => `750${digits(r, 2)}`,
  },
  {
    city: "Madrid",
    state: "Madrid",
    country: "Spain",
    locale: "es_ES",
    lat: 40.4168,
    lon: -3.7038,
    phone: "+34-91",
    postal: (r) => `280${digits(r, 2)}`,
  },
  {
    city: "Mexico City",
    state: "CDMX",
    country: "Mexico",
    locale: "es_MX",
    lat: 19.4326,
    lon: -99.1332,
    phone: "+52-55",
    postal: (r) => `06${digits(r, 3)}`,
  },
  {
    city: "São Paulo",
    state: "SP",
    country: "Brazil",
    locale: "pt_BR",
    lat: -23.5505,
    lon: -46.6333,
    phone: "+55-11",
    postal: (r) => `01${digits(r, 3)}-${digits(r, 3)}`,
  },
  {
    city: "Tokyo",
    state: "Tokyo",
    country: "Japan",
    locale: "ja_JP",
    lat: 35.6762,
    lon: 139.6503,
    phone: "+81-3",
    postal: (r) => `100-${digits(r, 4)}`,
  },
  {
    city: "Bogotá",
    state: "Bogotá D.C.",
    country: "Colombia",
    locale: "es_CO",
    lat: 4.711,
    lon: -74.0721,
    phone: "+57-601",
    postal: (r) => `110${digits(r, 3)}`,
  },
];

const STREETS = [
  "Main Street",
  "Oak Avenue",
  "Maple Drive",
  "Park Lane",
  "High Street",
  "Elm Street",
  "Cedar Road",
  "Lake View",
  "Station Road",
  "Market Street",
];
const UNITS = ["Apt 4B", "Suite 2A", "Unit 12", "Floor 3", "Apt 1C"];
const HOMETOWNS = [
  "Springfield",
  "Riverside",
  "Fairview",
  "Georgetown",
  "Franklin",
  "Greenville",
  "Madison",
  "Clinton",
];
const COMPANIES = [
  "Tech Solutions Inc",
  "Advanced Tech Corp",
  "Northwind Traders",
  "Globex",
  "Initech",
  "Umbrella Health",
  "Acme Logistics",
  "Blue Harbor Bank",
  "Summit Retail",
  "Greenfield Energy",
];
const TITLES = [
  "Software Engineer",
  "Senior Software Engineer",
  "Product Manager",
  "Data Analyst",
  "Account Executive",
  "Designer",
  "Operations Lead",
  "Customer Success Manager",
  "Marketing Specialist",
  "Nurse",
];
const DEPARTMENTS = [
  ["Engineering", "ENG"],
  ["Sales", "SAL"],
  ["Marketing", "MKT"],
  ["Operations", "OPS"],
  ["Finance", "FIN"],
  ["Support", "SUP"],
] as const;
const TEAMS = [
  "Full Stack Development",
  "Backend Development",
  "Mobile",
  "Enterprise Accounts",
  "Growth",
  "Platform",
];
const EVENTS = ["Web Summit 2024", "Spring Expo 2025", "Customer Day 2025", "Onboarding Webinar"];
const SOURCES = ["referral", "event", "website", "partner"];
const TIERS = ["bronze", "silver", "gold", "platinum"];
const CONTACT = ["email", "phone", "sms"];
const SIZES = ["S", "M", "L", "XL"];

/** "Today" for ages and birthdays: fixed, so profiles do not change with the calendar. */
const REFERENCE_YEAR = 2025;

function ageRange(age: number): string {
  if (age < 25) return "18-24";
  if (age < 35) return "25-34";
  if (age < 45) return "35-44";
  if (age < 55) return "45-54";
  if (age < 65) return "55-64";
  return "65+";
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * Profile number `n`. With `complete`, every field holds a value and the terms are accepted
 * (what provider states create, so matchers on any field pass); otherwise some optional fields
 * are null, as in real data.
 */
export function generateProfile(n: number, options: { complete?: boolean } = {}): FieldValues {
  const rand = prng(Math.imul(n + 1, 2654435761));
  const place = pick(rand, CITIES);
  const age = 18 + Math.floor(rand() * 60);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const [department, code] = pick(rand, DEPARTMENTS);
  const lat = (place.lat + (rand() - 0.5) / 10).toFixed(4);
  const lon = (place.lon + (rand() - 0.5) / 10).toFixed(4);
  const some = (p: number) => options.complete === true || rand() < p;
  return {
    gender: pick(rand, ["f", "m", "f", "m", "o"]),
    age_range: ageRange(age),
    age,
    birthday: `${REFERENCE_YEAR - age}-${pad2(month)}-${pad2(day)}`,
    locale: place.locale,
    address: `${1 + Math.floor(rand() * 999)} ${pick(rand, STREETS)}${rand() < 0.4 ? `, ${pick(rand, UNITS)}` : ""}`,
    hometown: some(0.7) ? pick(rand, HOMETOWNS) : null,
    city: place.city,
    state: place.state,
    postal_code: place.postal(rand),
    country: place.country,
    location: `${lat},${lon}`,
    telephone: `${place.phone}-${digits(rand, 3)}-${digits(rand, 4)}`,
    company: some(0.8) ? pick(rand, COMPANIES) : null,
    title: some(0.8) ? pick(rand, TITLES) : null,
    passport_number: some(0.3) ? `${letter(rand)}${digits(rand, 8)}` : null,
    country_id: some(0.4) ? digits(rand, 10) : null,
    tax_id: some(0.3) ? `${digits(rand, 3)}-${digits(rand, 2)}-${digits(rand, 4)}` : null,
    event: some(0.5) ? pick(rand, EVENTS) : null,
    accept_terms: options.complete === true || rand() < 0.9,
    custom_field_1: `Department: ${department}`,
    custom_field_2: `Employee ID: ${code}${String(n % 1000).padStart(3, "0")}`,
    custom_field_3: some(0.6) ? `Team: ${pick(rand, TEAMS)}` : null,
    custom_field_4: some(0.5) ? `Tier: ${pick(rand, TIERS)}` : null,
    custom_field_5: some(0.5) ? `Source: ${pick(rand, SOURCES)}` : null,
    custom_field_6: some(0.3) ? `Preferred contact: ${pick(rand, CONTACT)}` : null,
    custom_field_7: some(0.2) ? `Shirt size: ${pick(rand, SIZES)}` : null,
    custom_field_8: some(0.1)
      ? `Joined: ${REFERENCE_YEAR - Math.floor(rand() * 5)}-${pad2(month)}`
      : null,
  };
}

/** The organizations seeded profiles are spread over. */
export const SEED_ORGANIZATIONS = [1, 2, 3] as const;

/**
 * Adds `count` generated profiles, round-robin over organizations 1, 2 and 3 (so 3,000 profiles
 * give each organization exactly 1,000), each with its own new account. Only an empty database
 * is seeded, so restarting with the same `--seed` does not pile up copies. One transaction.
 */
export function seedDatabase(store: Store, count: number): { inserted: number; skipped: boolean } {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`seed must be a non-negative integer, got ${JSON.stringify(count)}.`);
  }
  if (count === 0) return { inserted: 0, skipped: false };
  return store.transaction(() => {
    if (store.countAll() > 0) return { inserted: 0, skipped: true };
    for (const org of SEED_ORGANIZATIONS) store.ensureOrganization(org);
    const firstParent = store.freshAccountId();
    const chunk = 10_000; // bounds memory: 100k profiles are generated and written in chunks
    for (let start = 0; start < count; start += chunk) {
      const rows = [];
      for (let i = start; i < Math.min(count, start + chunk); i++) {
        rows.push({
          parent: firstParent + i,
          organizationId: SEED_ORGANIZATIONS[i % SEED_ORGANIZATIONS.length] as number,
          values: generateProfile(i),
        });
      }
      store.insertMany(rows);
    }
    return { inserted: count, skipped: false };
  });
}
