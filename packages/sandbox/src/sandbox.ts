// startSandbox: opens the database, compiles the spec's validators, starts the HTTP server.
import { openDatabase } from "./db.js";
import { DEFAULT_LIMIT, DEFAULT_MAX_LIMIT } from "./pagination.js";
import { seedDatabase } from "./seed.js";
import { basePath, buildApp, PROVIDER_STATES_PATH } from "./server.js";
import { loadBundledSpec, writableFields } from "./spec.js";
import { Store } from "./store.js";
import { DEFAULT_TOKENS, loadTokens, parseAccountMap, Tokens } from "./tokens.js";
import { compileValidators } from "./validation.js";

export interface SandboxOptions {
  /** TCP port; 0 (the default) picks a free one. The CLI defaults to 4010. */
  port?: number;
  /** Interface to bind; 127.0.0.1 by default, so the sandbox is not reachable from elsewhere. */
  host?: string;
  /** SQLite file path, or ":memory:" (the default). The CLI defaults to ./user-extra-sandbox.db. */
  database?: string;
  /** Bearer token -> organization id. Default: the demo tokens (see DEFAULT_TOKENS). */
  tokens?: Record<string, number>;
  /** A JSON file holding such a map (used when `tokens` is not given). */
  tokensFile?: string;
  /** Where USER_EXTRA_SANDBOX_TOKENS is read when neither of the above is given (default process.env). */
  env?: Record<string, string | undefined>;
  /**
   * Account id -> organization id: the accounts a POST may name as `parent` (an unknown one
   * answers 400, as DRF does). Added to those of the tokens file and the seed.
   */
  accounts?: Record<string, number>;
  /**
   * The API's base URL as clients reach it, used for the absolute `next`/`previous` links and
   * `Location` headers, e.g. `https://sandbox.example.com/api/v1`. Default: built from each
   * request's Host header, as Django's build_absolute_uri does.
   */
  publicBaseUrl?: string;
  /** Mounts POST /_pact/provider-states (off by default). */
  providerStates?: boolean;
  /** Loads N generated profiles over organizations 1, 2 and 3 into an empty database. */
  seed?: number;
  /** Prints nothing when true. */
  quiet?: boolean;
  /** Where the start-up lines go (default: stdout). */
  log?: (line: string) => void;
  /** Largest accepted request body in bytes (default 65536): larger ones answer 413. */
  bodyLimit?: number;
  /** Page size when a list request has no usable `limit` (default 25). */
  defaultLimit?: number;
  /** The largest page: a larger `limit` is clamped to it (default 1000; DRF's max_limit). */
  maxLimit?: number;
}

export interface Sandbox {
  /** The API's base URL, e.g. `http://127.0.0.1:4010/api/v1`: the client's `baseUrl`. */
  url: string;
  /** `http://host:port`. */
  origin: string;
  port: number;
  /** A token of organization 1 (or the first configured token): the provider states' caller. */
  demoToken: string;
  /** Set when provider states are enabled. */
  providerStatesUrl?: string;
  /** How many profiles `seed` loaded (0 when the database already held records). */
  seeded: number;
  /**
   * Adds account `id` to organization `organizationId` (or moves it there), so that a POST may
   * name it as `parent`. Lost at a provider-state teardown, unlike the `accounts` option's.
   */
  addAccount(id: number, organizationId: number): void;
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;

function assertInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(
      `Invalid option ${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}.`,
    );
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  const database = options.database ?? ":memory:";
  const seed = options.seed ?? 0;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const spec = loadBundledSpec();
  const defaultLimit = options.defaultLimit ?? DEFAULT_LIMIT;
  assertInteger("port", port, 0, 65535);
  assertInteger("seed", seed, 0, 10_000_000);
  assertInteger("bodyLimit", bodyLimit, 1, 1024 * 1024 * 1024);
  const maxLimit = options.maxLimit ?? DEFAULT_MAX_LIMIT;
  assertInteger("maxLimit", maxLimit, 1, 1_000_000);
  assertInteger("defaultLimit", defaultLimit, 1, maxLimit);
  const log = options.quiet ? () => {} : (options.log ?? ((line: string) => console.log(line)));

  const { map, source, accounts } = loadTokens({
    tokens: options.tokens,
    tokensFile: options.tokensFile,
    env: options.env ?? process.env,
  });
  const tokens = new Tokens(map);
  for (const [id, org] of parseAccountMap(options.accounts ?? {}, "the accounts option")) {
    accounts.set(id, org);
  }
  const fields = writableFields(spec);
  const validators = compileValidators(spec);
  const store = new Store(openDatabase(database, fields), fields);

  const publicBaseUrl = options.publicBaseUrl?.replace(/\/+$/, "") ?? "";
  if (options.publicBaseUrl !== undefined) {
    try {
      new URL(publicBaseUrl);
    } catch {
      store.close();
      throw new Error(
        `Invalid option publicBaseUrl: expected an absolute URL like https://sandbox.example.com/api/v1, got ${JSON.stringify(options.publicBaseUrl)}.`,
      );
    }
  }

  let seeded = 0;
  let app: ReturnType<typeof buildApp> | undefined;
  try {
    store.transaction(() => {
      for (const org of tokens.organizations()) store.ensureOrganization(org);
      for (const [id, org] of accounts) store.putAccount(id, org);
    });
    const result = seedDatabase(store, seed);
    seeded = result.inserted;
    if (result.skipped) {
      log(`Seed skipped: the database already holds ${store.countAll()} records.`);
    }
    app = buildApp({
      spec,
      store,
      tokens,
      validators,
      publicBaseUrl: () => publicBaseUrl || undefined,
      defaultLimit,
      maxLimit,
      accounts,
      bodyLimit,
      providerStates: options.providerStates === true,
      seed,
    });
    await app.listen({ port, host });
  } catch (error) {
    await app?.close().catch(() => {});
    store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new Error(`Port ${port} on ${host} is already in use; choose another port.`);
    if (code === "EADDRNOTAVAIL")
      throw new Error(`Cannot bind to host ${host}: no such local address.`);
    throw error;
  }

  const address = app.server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;
  const url = `${origin}${basePath(spec)}`;
  const providerStatesUrl = options.providerStates ? `${origin}${PROVIDER_STATES_PATH}` : undefined;

  log(`User Extra sandbox listening on ${url}`);
  log(
    `  database: ${database}${seeded ? ` (seeded ${seeded} profiles over organizations 1, 2, 3)` : ""}`,
  );
  if (source === "default") {
    for (const [token, org] of Object.entries(DEFAULT_TOKENS)) {
      log(`  demo token (organization ${org}): ${token}`);
    }
  } else {
    // Configured tokens are secrets: say where they came from, never what they are.
    log(
      `  tokens: ${tokens.size} from ${source === "file" ? options.tokensFile : source === "env" ? "USER_EXTRA_SANDBOX_TOKENS" : "options"} (not printed)`,
    );
  }
  if (publicBaseUrl) log(`  public base URL: ${publicBaseUrl}`);
  if (accounts.size) log(`  accounts: ${accounts.size} configured`);
  if (providerStatesUrl)
    log(
      `  provider states: POST ${providerStatesUrl} (testing only: teardown empties the database)`,
    );

  let closing: Promise<void> | undefined;
  const running = app;
  return {
    url,
    origin,
    port: actualPort,
    demoToken: tokens.demoToken,
    providerStatesUrl,
    seeded,
    addAccount(id, organizationId) {
      assertInteger("account id", id, 1, Number.MAX_SAFE_INTEGER);
      assertInteger("organizationId", organizationId, 1, Number.MAX_SAFE_INTEGER);
      store.transaction(() => store.putAccount(id, organizationId));
    },
    close() {
      closing ??= running.close().finally(() => store.close());
      return closing;
    },
  };
}
