import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  KIT_FACTS_MJS,
  TEAM_CONSUMER,
  TEAM_INTERACTIONS,
  TEAM_PACT_DIR,
  TEAM_PROFILE_TS,
  TEAM_TSCONFIG,
  teamPackageJson,
  teamPactTest,
} from "../../src/rehearsal/team-files.js";

/** The syntax errors of a TypeScript file (types are checked in the rehearsal, by its tsc). */
function syntaxErrors(fileName: string, text: string): string[] {
  const out = ts.transpileModule(text, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.NodeNext, target: ts.ScriptTarget.ES2022 },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("the team project's files", () => {
  it("the pact test has one test per interaction, each with its state, request and status", () => {
    const text = teamPactTest();
    expect(syntaxErrors("broken.ts", "it(")).not.toEqual([]);
    expect(syntaxErrors("profile.pact.test.ts", text)).toEqual([]);
    expect(text).toContain(
      `definePact({ consumer: ${JSON.stringify(TEAM_CONSUMER)}, dir: ${JSON.stringify(TEAM_PACT_DIR)} })`,
    );
    expect(text.match(/^it\(/gm)).toHaveLength(TEAM_INTERACTIONS.length);
    for (const i of TEAM_INTERACTIONS) {
      expect(text).toContain(`it(${JSON.stringify(i.test)},`);
      expect(text).toContain(`.uponReceiving(${JSON.stringify(i.description)})`);
      expect(text).toContain(`.given(...given.${i.state}({ id: ${i.id}`);
      expect(text).toContain(`.withRequest("GET", paths.item(${i.id}),`);
      expect(text).toContain(`.willRespondWith(${i.status},`);
    }
    // The team's own code is what runs against the mock server, not a bare fetch.
    expect(text).toContain('import { profileCity } from "../src/profile.js";');
    expect(text.match(/withClient\(async \(client\) => \{/g)).toHaveLength(
      TEAM_INTERACTIONS.length,
    );
  });

  it("the interactions use provider states and tell at least two outcomes apart", () => {
    expect(TEAM_INTERACTIONS.length).toBeGreaterThanOrEqual(2);
    expect(new Set(TEAM_INTERACTIONS.map((i) => i.status)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(TEAM_INTERACTIONS.map((i) => i.description)).size).toBe(
      TEAM_INTERACTIONS.length,
    );
  });

  it("the team's code and the facts script are valid", () => {
    expect(syntaxErrors("profile.ts", TEAM_PROFILE_TS)).toEqual([]);
    expect(syntaxErrors("kit-facts.mjs", KIT_FACTS_MJS)).toEqual([]);
    expect(KIT_FACTS_MJS).toContain('from "@user-extra/pact"');
  });

  it("package.json: the client for the app, the kit, the sandbox and vitest for the tests, at the given versions", () => {
    const manifest = JSON.parse(
      teamPackageJson({
        client: "1.2.0",
        sandbox: "2.0.1",
        pact: "1.3.0",
        vitest: "4.1.12",
        typescript: "5.9.3",
        typesNode: "20.19.43",
      }),
    ) as Record<string, Record<string, string> | string | boolean>;
    expect(manifest.name).toBe(TEAM_CONSUMER);
    expect(manifest.private).toBe(true);
    expect(manifest.dependencies).toEqual({ "@user-extra/client": "1.2.0" });
    expect(manifest.devDependencies).toEqual({
      "@types/node": "20.19.43",
      "@user-extra/pact": "1.3.0",
      "@user-extra/sandbox": "2.0.1",
      typescript: "5.9.3",
      vitest: "4.1.12",
    });
  });

  it("tsconfig: strict, without skipLibCheck, over the shim, the code and the tests", () => {
    const config = JSON.parse(TEAM_TSCONFIG) as {
      compilerOptions: Record<string, unknown>;
      include: string[];
    };
    expect(config.compilerOptions.strict).toBe(true);
    expect(config.compilerOptions.skipLibCheck).toBe(false);
    expect(config.include).toEqual(["src", "test"]);
  });
});
