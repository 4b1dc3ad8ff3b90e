// Leveled logging to a console-like logger. Header values that carry credentials are
// replaced before anything reaches the logger.
import { fail } from "./validate.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Anything with console's four methods (console itself, pino, winston, ...). */
export interface Logger {
  debug(message: string, ...data: unknown[]): void;
  info(message: string, ...data: unknown[]): void;
  warn(message: string, ...data: unknown[]): void;
  error(message: string, ...data: unknown[]): void;
}

export type Log = (level: Exclude<LogLevel, "off">, message: string, data?: object) => void;

/** The levels, quietest last; the error for an unknown level lists them. */
export const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "off"];

/**
 * Quiet by default: "warn" and nothing in the SDK logs above "info" unless asked. `field` is
 * where the level came from (the option or the environment variable), for the error.
 */
export function createLog(
  logger: Logger = console,
  level: LogLevel = "warn",
  field = "logLevel",
): Log {
  const min = LEVELS.indexOf(level);
  if (min < 0) fail(field, level, `one of ${LEVELS.join(", ")}`);
  return (lvl, message, data) => {
    if (LEVELS.indexOf(lvl) >= min) {
      logger[lvl](`[user-extra] ${message}`, ...(data ? [data] : []));
    }
  };
}

const SECRET = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|idempotency-key)$/;

/** Headers as a plain object, credentials and the `secret` names (lower case) as "[redacted]". */
export function redactHeaders(headers: Headers, secret: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET.test(name) || secret.includes(name) ? "[redacted]" : value;
  });
  return out;
}
