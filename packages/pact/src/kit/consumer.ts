/**
 * A team's pact and the real client pointed at Pact's mock server: the names a pact file is
 * filed under, the paths of the spec under its server path, the headers every interaction sends.
 */
import { MatchersV3, PactV4, type V3MockServer } from "@pact-foundation/pact";
import { createUserExtraClient, type UserExtraClient } from "@user-extra/client";
import { API_BASE_PATH } from "../generated/spec.gen.js";

/** The provider's name in every pact, and in the broker. */
export const PROVIDER = "user-extra-api";

export { API_BASE_PATH };

/** The pact's paths: the client's baseUrl ends with the server path, so the pact's start with it. */
export const paths = {
  list: `${API_BASE_PATH}/user_extra/`,
  item: (id: number) => `${API_BASE_PATH}/user_extra/${id}/`,
} as const;

/** Any token: the verifier substitutes the provider's own valid one. */
export const CONSUMER_TOKEN = "consumer-test-token";
/** Obviously not a token any provider issued: what 401 interactions send (left alone). */
export const INVALID_TOKEN = "not-a-valid-token";

/** The header of every authenticated interaction, matched by shape, not value. */
export const authorized = {
  Authorization: MatchersV3.regex("^Bearer .+$", `Bearer ${CONSUMER_TOKEN}`),
};
/** The header of a 401 interaction: the invalid token, which the verifier does not replace. */
export const unauthorized = {
  Authorization: MatchersV3.regex("^Bearer .+$", `Bearer ${INVALID_TOKEN}`),
};

/** A Pact V4 pact between the team (`consumer`) and the API, written into `dir`. */
export function definePact(options: {
  consumer: string;
  dir: string;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error";
}): PactV4 {
  return new PactV4({
    consumer: options.consumer,
    provider: PROVIDER,
    dir: options.dir,
    logLevel: options.logLevel ?? "warn",
  });
}

export interface ClientOptions {
  /** The token the client sends (default CONSUMER_TOKEN; INVALID_TOKEN for a 401). */
  token?: string;
}

/** The real client on the mock server, with no retry to hide a wrong answer. */
export function clientFor(mockServer: V3MockServer, options: ClientOptions = {}): UserExtraClient {
  return createUserExtraClient({
    baseUrl: `${mockServer.url}${API_BASE_PATH}`,
    token: options.token ?? CONSUMER_TOKEN,
    maxRetries: 0,
  });
}

/**
 * `executeTest(withClient(async (client) => ...))`: runs the test's code with a client pointed
 * at the mock server of the interaction.
 */
export function withClient<T>(
  test: (client: UserExtraClient, mockServer: V3MockServer) => Promise<T>,
  options: ClientOptions = {},
): (mockServer: V3MockServer) => Promise<T> {
  return (mockServer) => test(clientFor(mockServer, options), mockServer);
}
