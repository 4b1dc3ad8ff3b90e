/**
 * The provider side of the vocabulary during a verification: each state's setup and teardown
 * forwarded to the provider's state URL, and the caller's valid token put on every replayed
 * request (except while `the caller is not authenticated` is set up).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { VerifierOptions } from "@pact-foundation/pact";
import { UNAUTHENTICATED, VOCABULARY } from "../kit/states.js";

export type StateAction = "setup" | "teardown";

/** What the verification needs to know between the state change and the request. */
export interface VerificationSession {
  /** True between the setup and the teardown of `the caller is not authenticated`. */
  unauthenticated: boolean;
  /** Failures of state changes: pact-js logs and swallows them, the run fails on them. */
  stateErrors: string[];
}

export const newSession = (): VerificationSession => ({ unauthenticated: false, stateErrors: [] });

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
    const excerpt = text.replace(/\s+/g, " ").slice(0, 300).replaceAll(token, "[token]");
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
  options: { providerStatesUrl: string; token: string },
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
