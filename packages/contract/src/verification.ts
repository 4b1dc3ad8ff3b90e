/**
 * Provider verification: replays every interaction of the pact against a provider, after
 * asking the provider to set up the interaction's states, with a valid token substituted for
 * the consumer's placeholder (except where the interaction is about not being authenticated).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Verifier, type VerifierOptions } from "@pact-foundation/pact";
import { type ProviderStateName, UNAUTHENTICATED, VOCABULARY } from "./provider-states";
import { readPact } from "./spec-coverage";

export interface VerificationOptions {
  /** The pact file to verify. */
  pactFile: string;
  /** Where the pact's paths (`/api/v1/...`) are appended: the provider's origin. */
  providerBaseUrl: string;
  /** The provider's state-change endpoint: POST {state, params, action}. */
  providerStatesUrl: string;
  /** A valid token of the provider's "caller"; never printed. */
  token: string;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error";
}

export type StateAction = "setup" | "teardown";

/** What the verification needs to know between the state change and the request. */
export interface VerificationSession {
  /** True between the setup and the teardown of `the caller is not authenticated`. */
  unauthenticated: boolean;
  /** Failures of state changes: pact-js logs and swallows them, this run fails on them. */
  stateErrors: string[];
}

/** States the pact names that the vocabulary does not hold (the provider could not set them up). */
export function unknownStates(pactFile: string): string[] {
  const unknown = new Set<string>();
  for (const interaction of readPact(pactFile).interactions) {
    const states =
      (interaction as { providerStates?: Array<{ name?: string }> }).providerStates ?? [];
    for (const { name } of states) {
      if (name !== undefined && !VOCABULARY.includes(name as ProviderStateName)) unknown.add(name);
    }
  }
  return [...unknown];
}

/** Posts one state change to the provider's endpoint; throws a message naming the state. */
export async function forwardState(
  providerStatesUrl: string,
  token: string,
  state: string,
  params: unknown,
  action: StateAction,
): Promise<Record<string, unknown> | undefined> {
  let response: Response;
  try {
    response = await fetch(providerStatesUrl, {
      method: "POST",
      // The token tells a provider who "the caller" of the states is; the sandbox ignores it.
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ state, params: params ?? {}, action }),
    });
  } catch (error) {
    throw new Error(
      `provider state "${state}" (${action}): ${providerStatesUrl} is unreachable (${(error as Error).message})`,
    );
  }
  const text = await response.text();
  if (!response.ok) {
    const excerpt = text.replace(/\s+/g, " ").slice(0, 300);
    throw new Error(
      `provider state "${state}" (${action}): ${providerStatesUrl} answered ${response.status}: ${excerpt}`,
    );
  }
  try {
    const body: unknown = JSON.parse(text);
    // Values the provider returns can be injected into requests (fromProviderState).
    return body && typeof body === "object" && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

// pact-js does not export its state-handler types; they are derived from its options.
type PactStateHandler = NonNullable<VerifierOptions["stateHandlers"]>[string];
type StateValues = Awaited<ReturnType<Extract<PactStateHandler, (...args: never[]) => unknown>>>;
type StateFunc = (params?: unknown) => Promise<StateValues>;

/** One handler per vocabulary state, each forwarding setup and teardown to the provider. */
export function stateHandlers(
  options: Pick<VerificationOptions, "providerStatesUrl" | "token">,
  session: VerificationSession,
): Record<string, { setup: StateFunc; teardown: StateFunc }> {
  const handlers: Record<string, { setup: StateFunc; teardown: StateFunc }> = {};
  for (const state of VOCABULARY) {
    const run = (action: StateAction) => async (params?: unknown) => {
      if (state === UNAUTHENTICATED) session.unauthenticated = action === "setup";
      try {
        const values = await forwardState(
          options.providerStatesUrl,
          options.token,
          state,
          params,
          action,
        );
        return values as StateValues;
      } catch (error) {
        session.stateErrors.push((error as Error).message);
        throw error;
      }
    };
    handlers[state] = { setup: run("setup"), teardown: run("teardown") };
  }
  return handlers;
}

/**
 * Express middleware of the verifier's proxy: every request gets the valid token, except while
 * `the caller is not authenticated` is set up, when the pact's invalid token goes through.
 */
export function requestFilter(token: string, session: VerificationSession) {
  return (req: IncomingMessage, _res: ServerResponse, next: () => void): void => {
    if (!session.unauthenticated) req.headers.authorization = `Bearer ${token}`;
    next();
  };
}

/** Verifies the pact; rejects with what failed. */
export async function verifyPact(options: VerificationOptions): Promise<string> {
  const unknown = unknownStates(options.pactFile);
  if (unknown.length > 0) {
    throw new Error(
      `the pact names provider states outside the vocabulary (CONVENTIONS.md section 2): ${unknown
        .map((s) => `"${s}"`)
        .join(", ")}`,
    );
  }
  const session: VerificationSession = { unauthenticated: false, stateErrors: [] };
  const verifier = new Verifier({
    provider: "user-extra-api",
    providerBaseUrl: options.providerBaseUrl,
    pactUrls: [options.pactFile],
    stateHandlers: stateHandlers(options, session),
    // Typed by pact-js as an express handler; express is not a dependency of this package.
    requestFilter: requestFilter(options.token, session) as never,
    // A fresh state per interaction: the teardown resets what the setup changed.
    beforeEach: async () => {
      session.unauthenticated = false;
    },
    logLevel: options.logLevel ?? "warn",
    // Per request, in ms (Pact's default is 5 s): CI machines here have 2 shared cores.
    timeout: 30_000,
  });
  const output = await verifier.verifyProvider();
  if (session.stateErrors.length > 0) {
    throw new Error(
      `provider states failed:\n${session.stateErrors.map((e) => `  - ${e}`).join("\n")}`,
    );
  }
  return output;
}

/**
 * pact-core rejects with its whole JSON report as the message; the verifier has already printed
 * it readably, so this keeps one line per failing interaction.
 */
export function summarizeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  let report: unknown;
  try {
    report = JSON.parse(message);
  } catch {
    return message;
  }
  const errors = (report as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return message;
  const lines = errors.map(
    (entry: { interaction?: string; mismatch?: { mismatches?: unknown } }) => {
      const mismatches = Array.isArray(entry.mismatch?.mismatches) ? entry.mismatch.mismatches : [];
      const what = mismatches
        .map((m: { mismatch?: string; type?: string }) => m.mismatch ?? m.type ?? "mismatch")
        .join("; ");
      return `  - ${entry.interaction ?? "an interaction"}: ${what || "failed"}`;
    },
  );
  return [`${errors.length} interaction(s) failed:`, ...lines].join("\n");
}
