// Command-line flags of `user-extra-sandbox`, parsed into SandboxOptions with clear errors.
import { parseArgs } from "node:util";
import type { SandboxOptions } from "./sandbox.js";

export const DEFAULT_PORT = 4010;
export const DEFAULT_DATABASE = "./user-extra-sandbox.db";

export const HELP = `Usage: user-extra-sandbox [options]

A stateful sandbox of the User Extra API on an embedded SQLite database.

Options:
  --port <n>                 TCP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <address>           interface to bind (default 127.0.0.1)
  --db <path>                SQLite database file, or :memory: (default ${DEFAULT_DATABASE})
  --tokens <file>            JSON file mapping each bearer token to its organization id,
                             e.g. {"my-token": 1}; also read from USER_EXTRA_SANDBOX_TOKENS
                             (default: the demo tokens, printed at start)
  --seed <n>                 load n generated profiles over organizations 1, 2 and 3
                             (only into an empty database)
  --public-base-url <url>    the API's URL as clients see it, for next/previous links
                             (default: the server's own URL, e.g. http://127.0.0.1:${DEFAULT_PORT}/api/v1)
  --enable-provider-states   mount POST /_pact/provider-states (testing only)
  --quiet                    print nothing but errors
  -h, --help                 show this help
`;

export class UsageError extends Error {}

export type CliCommand = { kind: "help" } | { kind: "start"; options: SandboxOptions };

function integer(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} expects an integer from ${min} to ${max}, got "${text}".`);
  }
  return Number(text);
}

export function parseCli(argv: string[]): CliCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    // `pnpm start -- --seed 10` may hand over the "--" itself: the CLI takes no positionals, so
    // a bare "--" carries no meaning here.
    parsed = parse(argv.filter((arg) => arg !== "--"));
  } catch (error) {
    // parseArgs' wording for an unknown flag suggests "--" tricks; say it plainly.
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    throw new UsageError(unknown ? `Unknown option ${unknown[1]}.` : message);
  }
  const v = parsed.values;
  if (v.help) return { kind: "help" };
  if (parsed.positionals.length > 0) {
    throw new UsageError(
      `Unexpected argument "${parsed.positionals[0]}": every option is a --flag.`,
    );
  }
  const options: SandboxOptions = {
    port: v.port === undefined ? DEFAULT_PORT : integer("--port", v.port, 0, 65535),
    host: v.host ?? "127.0.0.1",
    database: v.db ?? DEFAULT_DATABASE,
    providerStates: v["enable-provider-states"] === true,
    quiet: v.quiet === true,
  };
  if (options.host === "") throw new UsageError("--host expects an address, got an empty string.");
  if (options.database === "")
    throw new UsageError("--db expects a file path or :memory:, got an empty string.");
  if (v.tokens !== undefined) options.tokensFile = v.tokens;
  if (v.seed !== undefined) options.seed = integer("--seed", v.seed, 0, 10_000_000);
  if (v["public-base-url"] !== undefined) {
    const url = v["public-base-url"];
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new UsageError(
        `--public-base-url expects an absolute http(s) URL such as https://sandbox.example.com/api/v1, got "${url}".`,
      );
    }
    options.publicBaseUrl = url;
  }
  return { kind: "start", options };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      db: { type: "string" },
      tokens: { type: "string" },
      seed: { type: "string" },
      "public-base-url": { type: "string" },
      "enable-provider-states": { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
