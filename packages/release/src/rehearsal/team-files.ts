/**
 * The team project the rehearsal creates: what a team outside this repository writes after the
 * first steps of @user-extra/pact's README (`npm install --save-dev @user-extra/pact vitest`):
 * its own code over the client, one vitest test per interaction written with the kit, a strict
 * tsconfig. Running the tests writes the team's pact, which the installed `user-extra-verify`
 * then verifies against the published sandbox.
 */
import { STRICT_COMPILER_OPTIONS } from "./consumer-files.js";

/** The team's name as a consumer: its pact file is `<consumer>-<provider>.json`. */
export const TEAM_CONSUMER = "rehearsal-team";

/** Where the team's tests write the pact (relative to the project, as in the README). */
export const TEAM_PACT_DIR = "pacts";

/** The kit's builder a test names its provider state with (a key of the kit's `given`). */
export type TeamState = "recordExists" | "recordMissing";

export interface TeamInteraction {
  /** The vitest test's name. */
  test: string;
  /** The interaction's description (`uponReceiving`): what the verifier's report names. */
  description: string;
  state: TeamState;
  id: number;
  /** The status the test expects (the pact-check step holds it against the spec). */
  status: number;
}

/**
 * The team's interactions, one test each: a profile that exists is read, a missing one is told
 * apart. The generated test and the checks of the pact it writes both read this list.
 */
export const TEAM_INTERACTIONS: readonly TeamInteraction[] = [
  {
    test: "reads a profile's city",
    description: "a request for user extra 7, which exists",
    state: "recordExists",
    id: 7,
    status: 200,
  },
  {
    test: "tells a missing profile apart",
    description: "a request for user extra 404404, which does not exist",
    state: "recordMissing",
    id: 404_404,
    status: 404,
  },
];

/** The city the existing record holds (state params) and the test expects back. */
const CITY = "Porto";

export interface TeamVersions {
  client: string;
  sandbox: string;
  pact: string;
  vitest: string;
  typescript: string;
  typesNode: string;
}

/**
 * The team's package.json: the client is a dependency of its app; the kit, the sandbox it
 * develops against and vitest are dev dependencies (the kit's README installs them so).
 */
export function teamPackageJson(versions: TeamVersions): string {
  const manifest = {
    name: TEAM_CONSUMER,
    private: true,
    type: "module",
    scripts: { test: "vitest run", typecheck: "tsc -p tsconfig.json" },
    dependencies: { "@user-extra/client": versions.client },
    devDependencies: {
      "@types/node": versions.typesNode,
      "@user-extra/pact": versions.pact,
      "@user-extra/sandbox": versions.sandbox,
      typescript: versions.typescript,
      vitest: versions.vitest,
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * One tsc --strict run without skipLibCheck over the whole project: the usage files (ESM and
 * CJS, src/usage.mts and src/usage.cts), the team's code and its pact test.
 */
export const TEAM_TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: STRICT_COMPILER_OPTIONS,
    include: ["src", "test"],
  },
  null,
  2,
)}\n`;

/** The team's own code, which the pact tests call with the client `withClient` hands them. */
export const TEAM_PROFILE_TS = `import { NotFoundError, type UserExtraClient } from "@user-extra/client";

/** The city of a profile; undefined when there is no such profile. */
export async function profileCity(
  client: UserExtraClient,
  id: number,
): Promise<string | null | undefined> {
  try {
    return (await client.get(id)).city;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
`;

/** One test per interaction, as the kit's README writes its first example. */
function interactionTest(interaction: TeamInteraction): string {
  const { id } = interaction;
  const exists = interaction.state === "recordExists";
  const state = exists
    ? `given.recordExists({ id: ${id}, fields: { city: ${JSON.stringify(CITY)} } })`
    : `given.recordMissing({ id: ${id} })`;
  const body = exists ? `record({ id: ${id}, city: ${JSON.stringify(CITY)} })` : "errorDetail()";
  const expectation = exists ? `toBe(${JSON.stringify(CITY)})` : "toBeUndefined()";
  return `it(${JSON.stringify(interaction.test)}, async () => {
  await pact
    .addInteraction()
    .given(...${state})
    .uponReceiving(${JSON.stringify(interaction.description)})
    .withRequest("GET", paths.item(${id}), (b) => b.headers(authorized))
    .willRespondWith(${interaction.status}, (b) => b.jsonBody(${body}))
    .executeTest(
      withClient(async (client) => {
        expect(await profileCity(client, ${id})).${expectation};
      }),
    );
});
`;
}

/** test/profile.pact.test.ts */
export function teamPactTest(interactions: readonly TeamInteraction[] = TEAM_INTERACTIONS): string {
  return `// What a team writes with @user-extra/pact: one test per interaction, its own code called
// with the real client on Pact's mock server.
import {
  authorized,
  definePact,
  errorDetail,
  given,
  paths,
  record,
  withClient,
} from "@user-extra/pact";
import { expect, it } from "vitest";
import { profileCity } from "../src/profile.js";

const pact = definePact({ consumer: ${JSON.stringify(TEAM_CONSUMER)}, dir: ${JSON.stringify(TEAM_PACT_DIR)} });

${interactions.map(interactionTest).join("\n")}`;
}

/**
 * Prints what the installed kit says about the pacts it writes (the provider's name and the
 * provider-state vocabulary), so that the rehearsal checks the pact against the kit itself.
 */
export const KIT_FACTS_MJS = `import { PROVIDER, VOCABULARY } from "@user-extra/pact";
console.log(JSON.stringify({ provider: PROVIDER, vocabulary: VOCABULARY }));
`;
