// Response bodies for the stubbed fetch: a realistic record (every field present, as the spec
// requires) and a page of 25 of them, serialized once so every contender parses the same bytes.
import type { UserExtra, UserExtraPage } from "@user-extra/types";

export const BASE_URL = "https://gate.zequenze.com/api/v1";
export const TOKEN = "bench-token-not-a-secret";
export const RECORD_ID = 1234;
export const PAGE_LIMIT = 25;
export const PATCH_BODY = { city: "Berlin", country: "Germany", custom_field_4: "Tier: gold" };

const CITIES = [
  ["Madrid", "Madrid", "Spain", "es_ES", "28014"],
  ["Berlin", "Berlin", "Germany", "de_DE", "10115"],
  ["Toronto", "ON", "Canada", "en_CA", "M5V 2T6"],
  ["Austin", "TX", "United States", "en_US", "78701"],
  ["Tokyo", "Tokyo", "Japan", "ja_JP", "100-0001"],
] as const;

export function record(id: number): UserExtra {
  const [city, state, country, locale, postal] = CITIES[
    id % CITIES.length
  ] as (typeof CITIES)[number];
  const age = 20 + (id % 45);
  return {
    id,
    parent: 10_000 + id,
    gender: (["f", "m", "o"] as const)[id % 3] ?? null,
    age_range: age < 25 ? "18-24" : age < 35 ? "25-34" : age < 45 ? "35-44" : "45-54",
    age,
    birthday: `${2025 - age}-0${1 + (id % 9)}-1${id % 10}`,
    locale,
    address: `${100 + (id % 900)} Lake View, Apt ${1 + (id % 20)}B`,
    hometown: id % 4 ? "Springfield" : null,
    city,
    state,
    postal_code: postal,
    country,
    location: "40.4468,-3.7395",
    telephone: `+34-91-042-${String(1000 + (id % 9000))}`,
    company: id % 5 ? "Tech Solutions Inc" : null,
    title: "Senior Software Engineer",
    passport_number: id % 3 ? `E${15146291 + id}` : null,
    country_id: null,
    tax_id: id % 7 ? `123-45-${String(1000 + (id % 9000))}` : null,
    event: "Onboarding Webinar",
    accept_terms: true,
    custom_field_1: "Department: Engineering",
    custom_field_2: `Employee ID: ENG${String(id % 1000).padStart(3, "0")}`,
    custom_field_3: "Team: Platform",
    custom_field_4: "Tier: silver",
    custom_field_5: id % 2 ? "Source: referral" : null,
    custom_field_6: null,
    custom_field_7: null,
    custom_field_8: null,
  };
}

export function page(offset: number, limit: number, count: number): UserExtraPage {
  const link = (o: number) => `${BASE_URL}/user_extra/?limit=${limit}&offset=${o}`;
  return {
    count,
    next: offset + limit < count ? link(offset + limit) : null,
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    results: Array.from({ length: Math.min(limit, count - offset) }, (_, i) =>
      record(offset + i + 1),
    ),
  };
}

export const RECORD_JSON = JSON.stringify(record(RECORD_ID));
export const PATCHED_JSON = JSON.stringify({ ...record(RECORD_ID), ...PATCH_BODY });
export const PAGE_JSON = JSON.stringify(page(0, PAGE_LIMIT, 4_321));
