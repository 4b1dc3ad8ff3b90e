// One verification run: the Verifier's options built from the arguments (a pure function, so
// the broker options can be tested without a broker), the provider checked reachable, the
// result turned into an exit code, one line per failure and a JUnit report.
import type { VerifierOptions } from "@pact-foundation/pact";
import type { VerifyArgs } from "./args.js";
import { interactionsOf, type PactInteraction, unknownStates } from "./pacts.js";
import { type Failure, formatFailures, junitReport, parseFailures, redact } from "./report.js";
import { requestFilter, stateHandlers, type VerificationSession } from "./states.js";

export interface ResolvedTarget {
  providerBaseUrl: string;
  providerStatesUrl: string;
  token: string;
  /** How the target is named in messages (never with the token). */
  name: string;
}

export const EXIT = { verified: 0, failed: 1, usage: 2 } as const;

export function verifierOptions(
  args: VerifyArgs,
  target: ResolvedTarget,
  session: VerificationSession,
): VerifierOptions {
  const options: VerifierOptions = {
    provider: args.provider,
    providerBaseUrl: target.providerBaseUrl,
    stateHandlers: stateHandlers(target, session),
    // Typed by pact-js as an express handler; express is not a dependency of this package.
    requestFilter: requestFilter(target.token, session) as never,
    // A fresh state per interaction: the teardown resets what the setup changed.
    beforeEach: async () => {
      session.unauthenticated = false;
    },
    logLevel: args.logLevel,
    // Per request, in ms (Pact's default is 5 s): shared CI machines are slow.
    timeout: 30_000,
  };
  if (args.pactFiles) options.pactUrls = args.pactFiles;
  if (args.broker) {
    options.pactBrokerUrl = args.broker.url;
    options.consumerVersionSelectors = args.broker.selectors;
    const auth = args.broker.auth;
    if (auth && "token" in auth) options.pactBrokerToken = auth.token;
    if (auth && "username" in auth) {
      options.pactBrokerUsername = auth.username;
      options.pactBrokerPassword = auth.password;
    }
    // A pact whose consumer has not yet seen it verified must not break the provider's build.
    options.enablePending = true;
  }
  if (args.publish) {
    options.publishVerificationResult = true;
    options.providerVersion = args.publish.providerVersion;
    options.providerVersionBranch = args.publish.providerBranch;
  }
  return options;
}

/** Any HTTP answer means reachable; a refused connection or a DNS failure does not. */
export async function unreachable(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { method: "GET", signal: AbortSignal.timeout(30_000) });
    await response.body?.cancel();
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    return `${url} is unreachable (${cause})`;
  }
}

export interface Outcome {
  exitCode: 0 | 1 | 2;
  /** What to print, token-free; failures one line each. */
  message: string;
  failures: Failure[];
  junit: string;
}

/** The secrets no output may hold. */
export function secretsOf(args: VerifyArgs, target: ResolvedTarget): string[] {
  const auth = args.broker?.auth;
  const secrets = [target.token];
  if (auth && "token" in auth) secrets.push(auth.token);
  if (auth && "password" in auth) secrets.push(auth.password);
  return secrets.filter((s) => s.length > 0);
}

/** Runs the verification; never throws, the outcome says what happened. */
export async function runVerification(
  args: VerifyArgs,
  target: ResolvedTarget,
  verify: (options: VerifierOptions) => Promise<unknown> = defaultVerify,
): Promise<Outcome> {
  const secrets = secretsOf(args, target);
  let interactions: PactInteraction[] | undefined;
  const finish = (
    exitCode: Outcome["exitCode"],
    message: string,
    failures: Failure[] = [],
    error?: string,
  ): Outcome => ({
    exitCode,
    message: redact(message, secrets),
    failures,
    junit: junitReport({
      provider: args.provider,
      interactions,
      failures,
      secrets,
      ...(error ? { error } : {}),
    }),
  });

  try {
    interactions = args.pactFiles?.flatMap(interactionsOf);
  } catch (error) {
    return finish(EXIT.usage, (error as Error).message, [], (error as Error).message);
  }
  const unknown = interactions ? unknownStates(interactions) : [];
  if (unknown.length > 0) {
    const message = `the pacts name provider states outside the vocabulary (see the @user-extra/pact README): ${unknown.map((s) => `"${s}"`).join(", ")}`;
    return finish(EXIT.failed, message, [], message);
  }
  for (const url of [target.providerBaseUrl, target.providerStatesUrl]) {
    const problem = await unreachable(url);
    if (problem) return finish(EXIT.usage, `the provider ${problem}`, [], problem);
  }

  const session: VerificationSession = { unauthenticated: false, stateErrors: [] };
  try {
    await verify(verifierOptions(args, target, session));
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const failures = parseFailures(text, args.provider);
    if (!failures) {
      const message = `the verifier could not run: ${text}`;
      return finish(EXIT.usage, message, [], message);
    }
    const stateNote =
      session.stateErrors.length > 0
        ? `\nprovider states failed:\n${session.stateErrors.map((e) => `  - ${e}`).join("\n")}`
        : "";
    return finish(
      EXIT.failed,
      `${failures.length} interaction(s) failed against ${target.name}:\n${formatFailures(failures, secrets)}${stateNote}`,
      failures,
    );
  }
  if (session.stateErrors.length > 0) {
    const message = `provider states failed:\n${session.stateErrors.map((e) => `  - ${e}`).join("\n")}`;
    return finish(EXIT.failed, message, [], message);
  }
  const count = interactions
    ? `${interactions.length} interaction(s) of ${new Set(interactions.map((i) => i.consumer)).size} consumer(s)`
    : "every pact selected from the broker";
  return finish(EXIT.verified, `ok: ${target.name} honours ${count}`);
}

async function defaultVerify(options: VerifierOptions): Promise<unknown> {
  const { Verifier } = await import("@pact-foundation/pact");
  return new Verifier(options).verifyProvider();
}
