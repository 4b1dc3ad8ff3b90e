// Bearer tokens and the organizations they belong to. Error messages about tokens never quote a
// token: they name the entry's position and the organization id instead.
import { readFileSync } from "node:fs";

/** The tokens used when none are configured; printed at start so anyone can try the API. */
export const DEFAULT_TOKENS: Readonly<Record<string, number>> = Object.freeze({
  "demo-token-org-1": 1,
  "demo-token-org-2": 2,
});

export const TOKENS_ENV = "USER_EXTRA_SANDBOX_TOKENS";

/**
 * The accounts that come with the demo tokens (none come with configured ones): 40 to 49 in
 * organization 1 (the reference's examples use 45) and 60 to 69 in organization 2 (67).
 */
export const DEFAULT_ACCOUNTS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries([
    ...Array.from({ length: 10 }, (_, i) => [String(40 + i), 1]),
    ...Array.from({ length: 10 }, (_, i) => [String(60 + i), 2]),
  ]),
);

export type TokenSource = "options" | "file" | "env" | "default";

export interface TokenConfig {
  tokens?: Record<string, number>;
  tokensFile?: string;
  env?: Record<string, string | undefined>;
}

const EXPECTED =
  'expected a JSON object mapping each token to its organization id, like {"my-token": 1}';

/** Validates a token map; `source` names where it came from in error messages. */
export function parseTokenMap(value: unknown, source: string): Map<string, number> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`Invalid tokens in ${source}: ${EXPECTED}.`);
  }
  const map = new Map<string, number>();
  Object.entries(value).forEach(([token, organization], index) => {
    const entry = `entry #${index + 1}`;
    if (token.length === 0 || /\s/.test(token)) {
      throw new Error(
        `Invalid tokens in ${source}: the token of ${entry} is empty or contains whitespace.`,
      );
    }
    if (
      typeof organization !== "number" ||
      !Number.isSafeInteger(organization) ||
      organization < 1
    ) {
      throw new Error(
        `Invalid tokens in ${source}: ${entry} maps to ${JSON.stringify(organization)}; expected a positive integer organization id.`,
      );
    }
    map.set(token, organization);
  });
  if (map.size === 0)
    throw new Error(`Invalid tokens in ${source}: no token is defined; ${EXPECTED}.`);
  return map;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the input, which holds tokens: do not pass it on.
    throw new Error(`Invalid tokens in ${source}: not valid JSON; ${EXPECTED}.`);
  }
}

/** Account id -> organization id: the accounts a POST may name as `parent`. */
export type AccountMap = Map<number, number>;

/** Validates an account map (`{"45": 1}`: account 45 belongs to organization 1). */
export function parseAccountMap(value: unknown, source: string): AccountMap {
  const expected =
    'expected a JSON object mapping each account id to its organization id, like {"45": 1}';
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`Invalid accounts in ${source}: ${expected}.`);
  }
  const map: AccountMap = new Map();
  for (const [account, organization] of Object.entries(value)) {
    const id = /^[1-9]\d*$/.test(account) ? Number(account) : Number.NaN;
    const org = organization as unknown;
    if (
      !Number.isSafeInteger(id) ||
      typeof org !== "number" ||
      !Number.isSafeInteger(org) ||
      org < 1
    ) {
      throw new Error(
        `Invalid accounts in ${source}: ${JSON.stringify(account)} -> ${JSON.stringify(org)}; ${expected}.`,
      );
    }
    map.set(id, org);
  }
  return map;
}

/**
 * A tokens file or variable holds either the token map itself or
 * `{"tokens": {...}, "accounts": {...}}`, which also declares accounts.
 */
function splitTokensDocument(value: unknown, source: string) {
  const doc = value as { tokens?: unknown; accounts?: unknown } | null;
  if (doc && typeof doc === "object" && typeof doc.tokens === "object" && doc.tokens !== null) {
    return {
      map: parseTokenMap(doc.tokens, source),
      accounts: doc.accounts === undefined ? new Map() : parseAccountMap(doc.accounts, source),
    };
  }
  return { map: parseTokenMap(value, source), accounts: new Map() as AccountMap };
}

/** Options first, then the tokens file, then the environment variable, then the demo tokens. */
export function loadTokens(config: TokenConfig): {
  map: Map<string, number>;
  source: TokenSource;
  accounts: AccountMap;
} {
  if (config.tokens)
    return {
      map: parseTokenMap(config.tokens, "the tokens option"),
      source: "options",
      accounts: new Map(),
    };
  if (config.tokensFile) {
    let text: string;
    try {
      text = readFileSync(config.tokensFile, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      throw new Error(`Cannot read the tokens file ${config.tokensFile} (${code}).`);
    }
    const where = `the tokens file ${config.tokensFile}`;
    return { ...splitTokensDocument(parseJson(text, where), where), source: "file" };
  }
  const fromEnv = config.env?.[TOKENS_ENV];
  if (fromEnv?.trim()) {
    return { ...splitTokensDocument(parseJson(fromEnv, TOKENS_ENV), TOKENS_ENV), source: "env" };
  }
  return {
    map: new Map(Object.entries(DEFAULT_TOKENS)),
    source: "default",
    accounts: parseAccountMap(DEFAULT_ACCOUNTS, "the demo accounts"),
  };
}

/**
 * The token registry. The demo token is the caller that provider states talk about: it is the
 * first token of organization 1 (or the first token at all), and provider states may move it to
 * another organization for the length of an interaction.
 */
export class Tokens {
  readonly demoToken: string;
  private readonly demoHome: number;
  private demoOrganization: number;

  constructor(private readonly map: Map<string, number>) {
    const entries = [...map.entries()];
    const demo = entries.find(([, org]) => org === 1) ?? entries[0];
    if (!demo) throw new Error("At least one token is required.");
    this.demoToken = demo[0];
    this.demoHome = demo[1];
    this.demoOrganization = demo[1];
  }

  /** The organization a token belongs to, or undefined for an unknown token. */
  organizationOf(token: string): number | undefined {
    if (token === this.demoToken) return this.demoOrganization;
    return this.map.get(token);
  }

  /** The organization the demo token currently belongs to. */
  get callerOrganization(): number {
    return this.demoOrganization;
  }

  set callerOrganization(organizationId: number) {
    this.demoOrganization = organizationId;
  }

  /** Puts the demo token back in the organization it was configured with. */
  restore(): void {
    this.demoOrganization = this.demoHome;
  }

  /** Every organization a token is configured for (the demo token's current one included). */
  organizations(): number[] {
    return [...new Set([...this.map.values(), this.demoOrganization])].sort((a, b) => a - b);
  }

  get size(): number {
    return this.map.size;
  }
}

export type BearerResult = { ok: true; token: string } | { ok: false; detail: string };

/** Reads `Authorization: Bearer <token>` with DRF's messages for each way it can be wrong. */
export function readBearer(header: string | undefined): BearerResult {
  const parts = (header ?? "").trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0 || parts[0]?.toLowerCase() !== "bearer") {
    return { ok: false, detail: "Authentication credentials were not provided." };
  }
  if (parts.length === 1)
    return { ok: false, detail: "Invalid token header. No credentials provided." };
  if (parts.length > 2) {
    return { ok: false, detail: "Invalid token header. Token string should not contain spaces." };
  }
  return { ok: true, token: parts[1] as string };
}
