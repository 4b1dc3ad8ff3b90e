import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runBreakingCheck } from "../breaking/check.js";
import { CYCLE_CJS, CYCLE_MJS, USAGE_TS } from "./consumer-files.js";
import { CommandError, cleanEnv, killRunning, run } from "./exec.js";
import { installedPackageProblems } from "./installed.js";
import { dependencyClosure, type MirrorRoot, mirrorPackages } from "./mirror.js";
import { pnpmOnPath } from "./pnpm.js";
import { checkPublished } from "./published.js";
import { type LocalRegistry, startRegistry } from "./registry.js";
import { type SandboxProcess, startSandboxProcess } from "./sandbox-process.js";
import { StepRunner, type StepTiming } from "./steps.js";
import {
  KIT_FACTS_MJS,
  TEAM_CONSUMER,
  TEAM_INTERACTIONS,
  TEAM_PACT_DIR,
  TEAM_PROFILE_TS,
  TEAM_TSCONFIG,
  teamPackageJson,
  teamPactTest,
} from "./team-files.js";
import {
  failureLine,
  junitProblems,
  type KitFacts,
  pactFileName,
  parseKitFacts,
  tamperedPact,
  teamPactProblems,
  verifyArgs,
  wrongStatusFor,
} from "./team-pact.js";
import {
  aliasedVersion,
  catalogVersion,
  commitAll,
  copyWorkspace,
  git,
  PUBLIC_PACKAGES,
  readManifest,
  writeRehearsalChangeset,
} from "./workspace.js";

export interface RehearsalOptions {
  /** The workspace to rehearse (read only). */
  root: string;
  /** Keep the temporary folder (workspace copy, team project, Verdaccio storage and log). */
  keep?: boolean;
  log?: (line: string) => void;
}

export interface RehearsalReport {
  versions: Record<string, string>;
  timings: StepTiming[];
  seconds: number;
  tempDir: string;
}

const CONSUMER_TOKEN = "rehearsal-consumer-token";
/** The accounts the ESM and the CJS cycle create a record for. */
const REHEARSAL_PARENTS = [91_001, 91_002] as const;

/**
 * Versions and publishes the public packages from a throwaway copy of the workspace to a local
 * Verdaccio, installs them in a fresh team project and uses them there as a team would: from
 * TypeScript, ESM and CJS against the published sandbox, and through the pact kit (a pact written,
 * checked and verified). Everything it starts is stopped before it returns or throws.
 */
export async function rehearse(options: RehearsalOptions): Promise<RehearsalReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const tempDir = await mkdtemp(join(tmpdir(), "user-extra-rehearsal-"));
  const workspace = join(tempDir, "workspace");
  const team = join(tempDir, "team");
  const steps = new StepRunner(log);
  steps.addSecret(CONSUMER_TOKEN);
  let registry: LocalRegistry | undefined;
  let sandbox: SandboxProcess | undefined;
  // Ctrl+C or a CI cancellation must not leave Verdaccio, the sandbox, an npm install or the
  // temporary folder (hundreds of MB) behind.
  // One removal, shared by the signal handler and the normal end (which race on Ctrl+C).
  let removal: Promise<void> | undefined;
  const removeTemp = () => {
    removal ??= options.keep
      ? Promise.resolve()
      : rm(tempDir, { recursive: true, force: true, maxRetries: 5 }).catch((error: Error) =>
          log(`Could not remove ${tempDir}: ${error.message}`),
        );
    return removal;
  };
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // Repeated signals (a second Ctrl+C, or the one a dying child sends its group) must not
    // cut the clean-up short: stay subscribed and let the first one finish.
    if (stopping) return;
    stopping = true;
    log(
      `\n${signal}: stopping what the rehearsal started${options.keep ? `; ${tempDir} is kept` : ""}.`,
    );
    killRunning();
    void Promise.allSettled([sandbox?.stop(), registry?.close()])
      .then(removeTemp)
      .then(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  log(`Release rehearsal in ${tempDir}`);
  try {
    const path = await steps.step(
      "locate pnpm",
      async () => (await pnpmOnPath(options.root, join(tempDir, "bin"))).path,
    );
    const env = cleanEnv({ PATH: path });

    registry = await steps.step("start Verdaccio on 127.0.0.1", async () => {
      const started_ = await startRegistry(join(tempDir, "verdaccio"));
      steps.addSecret(started_.token);
      return started_;
    });
    const reg = registry;
    log(`  registry: ${reg.url}`);

    await steps.step("copy the workspace", async () => {
      const files = await copyWorkspace(options.root, workspace);
      log(`  ${files} files`);
    });

    await steps.step("install the copy (scripts/bootstrap)", async () => {
      await run("bash", ["scripts/bootstrap"], { cwd: workspace, env, timeoutMs: 300_000 });
    });

    const before = await Promise.all(
      PUBLIC_PACKAGES.map((p) => readManifest(join(workspace, p.dir))),
    );
    const summary = await writeRehearsalChangeset(workspace);
    const versions = await steps.step("changeset version", async () => {
      await run("pnpm", ["exec", "changeset", "version"], { cwd: workspace, env });
      const after = await Promise.all(
        PUBLIC_PACKAGES.map((p) => readManifest(join(workspace, p.dir))),
      );
      const result: Record<string, string> = {};
      after.forEach((manifest, i) => {
        const old = before[i]?.version;
        if (manifest.version === old)
          throw new Error(`${manifest.name} stayed at ${old}: changeset version did not bump it`);
        result[manifest.name] = manifest.version;
      });
      if (result["@user-extra/types"] !== result["@user-extra/client"]) {
        throw new Error(
          `types ${result["@user-extra/types"]} and client ${result["@user-extra/client"]} differ: they are a fixed group`,
        );
      }
      const changelog = await readFile(join(workspace, "packages/client/CHANGELOG.md"), "utf8");
      if (!changelog.includes(summary))
        throw new Error("packages/client/CHANGELOG.md does not carry the changeset's summary");
      await commitAll(workspace, "Version packages");
      log(
        `  ${Object.entries(result)
          .map(([n, v]) => `${n}@${v}`)
          .join(", ")}`,
      );
      return result;
    });

    await steps.step("scripts/release (build + changeset publish) to Verdaccio", async () => {
      // The @user-extra scope goes to Verdaccio; everything else (npx pnpm, dependencies) keeps
      // the usual registry. changeset publish reads the scope's registry from the environment,
      // npm and pnpm from the workspace's .npmrc (written after the version commit).
      const host = reg.url.replace(/^https?:/, "");
      await writeFile(
        join(workspace, ".npmrc"),
        `@user-extra:registry=${reg.url}\n${host}:_authToken=${reg.token}\n`,
      );
      const releaseEnv = { ...env, "npm_config_@user-extra:registry": reg.url };
      const release = await run("bash", ["scripts/release"], {
        cwd: workspace,
        env: releaseEnv,
        timeoutMs: 600_000,
      });
      const tags = (await git(workspace, ["tag", "--list"])).split("\n");
      for (const [name, version] of Object.entries(versions)) {
        if (!tags.includes(`${name}@${version}`))
          // With the release's own output: changeset publish may exit 0 having skipped some.
          throw new CommandError(
            `no git tag ${name}@${version} after publishing (tags: ${tags.join(", ")})`,
            release.output,
          );
      }
    });

    await steps.step("check the published manifests", async () => {
      for (const [name, version] of Object.entries(versions)) {
        await checkPublished(reg.url, name, version, versions);
      }
    });

    await steps.step("breaking check against the release just made", async () => {
      for (const registryOption of [undefined, reg.url]) {
        const result = await runBreakingCheck({ root: workspace, registry: registryOption });
        const expected = registryOption
          ? `@user-extra/types@${versions["@user-extra/types"]} on`
          : `git tag @user-extra/types@${versions["@user-extra/types"]}`;
        if (
          !result.ok ||
          !result.output.includes(expected) ||
          !result.output.includes("no difference")
        ) {
          throw Object.assign(new Error(`expected "no difference" against ${expected}`), {
            output: result.output,
          });
        }
      }
    });

    await steps.step("mirror the team's third-party dependencies to Verdaccio", async () => {
      // The exact versions installed in the workspace copy: the published packages' runtime
      // dependencies, plus what the team project adds (TypeScript, @types/node and vitest,
      // which this package also depends on).
      const roots: MirrorRoot[] = [];
      for (const p of PUBLIC_PACKAGES) {
        const from = join(workspace, p.dir);
        const deps = Object.keys((await readManifest(from)).dependencies ?? {});
        for (const name of deps) if (!name.startsWith("@user-extra/")) roots.push({ name, from });
      }
      const self = join(workspace, "packages/release");
      // vitest: the test runner the pact kit's README has a team install beside it.
      // TypeScript: the team compiles with 7, what `npm install typescript` gives a new project
      // today (this package has it as typescript-native); the client's packed-tarball tests
      // compile a consumer with 5.9, so both generations are checked.
      roots.push(
        { name: "typescript-native", from: self },
        { name: "@types/node", from: self },
        { name: "vitest", from: self },
      );
      const packages = await dependencyClosure(roots);
      const packDir = join(tempDir, "mirror");
      await mkdir(packDir, { recursive: true });
      await mirrorPackages(packages, reg, packDir);
      log(`  ${packages.length} packages`);
    });

    await steps.step("npm install in a fresh team project", async () => {
      // A team's project, as the kit's README has it: its app depends on the client, its tests
      // on the kit (which brings user-extra-verify and Pact's native core), the sandbox and
      // vitest. One project is both the client's consumer and the kit's user: one install, one
      // type-check.
      await mkdir(join(team, "src"), { recursive: true });
      await mkdir(join(team, "test"), { recursive: true });
      await writeFile(
        join(team, "package.json"),
        teamPackageJson({
          client: versions["@user-extra/client"] ?? "",
          sandbox: versions["@user-extra/sandbox"] ?? "",
          pact: versions["@user-extra/pact"] ?? "",
          vitest: await catalogVersion(options.root, "vitest"),
          typescript: aliasedVersion(await catalogVersion(options.root, "typescript-native")),
          typesNode: await catalogVersion(options.root, "@types/node"),
        }),
      );
      // Everything comes from Verdaccio, which holds @user-extra/* and the mirrored
      // dependencies and has no uplinks: the install never leaves 127.0.0.1 (project rule:
      // tests touch no other host), and a missing mirror entry fails here instead of leaking.
      await writeFile(
        join(team, ".npmrc"),
        `# Rehearsal: every package from the local Verdaccio (no uplinks), nothing from the internet.\nregistry=${reg.url}\nfund=false\naudit=false\nupdate-notifier=false\n`,
      );
      // --ignore-scripts: nothing in the kit's tree needs an install script (Pact's native core
      // is a prebuilt optional dependency), and @pactflow/swagger-mock-validator's postinstall
      // (patch-package, patching its own copy of ajv) fails now and then once npm has hoisted
      // ajv: "Patch file found for package ajv which is not present at node_modules/ajv".
      await run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], {
        cwd: team,
        env: { ...env, npm_config_registry: reg.url },
        timeoutMs: 300_000,
      });
      const installed = await readManifest(join(team, "node_modules/@user-extra/types"));
      if (installed.version !== versions["@user-extra/types"]) {
        throw new Error(
          `the team got @user-extra/types ${installed.version}, expected ${versions["@user-extra/types"]}`,
        );
      }
    });

    await steps.step(
      "the installed packages carry LICENSE, CHANGELOG.md and source maps",
      async () => {
        const problems: string[] = [];
        for (const p of PUBLIC_PACKAGES) {
          const found = await installedPackageProblems(
            join(team, "node_modules", p.name),
            versions[p.name] ?? "",
          );
          problems.push(...found.map((problem) => `${p.name}: ${problem}`));
        }
        if (problems.length > 0) throw new Error(problems.join("; "));
      },
    );

    await steps.step(
      "type-check the team's project (tsc --strict, no skipLibCheck): ESM and CJS usage, its code, its pact test",
      async () => {
        await writeFile(join(team, "tsconfig.json"), TEAM_TSCONFIG);
        await writeFile(join(team, "src/usage.mts"), USAGE_TS);
        await writeFile(join(team, "src/usage.cts"), USAGE_TS);
        await writeFile(join(team, "src/profile.ts"), TEAM_PROFILE_TS);
        await writeFile(join(team, "test/profile.pact.test.ts"), teamPactTest());
        await run(join(team, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], {
          cwd: team,
          env,
        });
      },
    );

    sandbox = await steps.step("start the published sandbox (user-extra-sandbox bin)", async () => {
      // The cycles create records for these accounts: a provider answers 400 to a POST for an
      // account it does not have, so the tokens file declares them beside the token.
      const accounts = Object.fromEntries(REHEARSAL_PARENTS.map((id) => [String(id), 1]));
      await writeFile(
        join(team, "tokens.json"),
        JSON.stringify({ tokens: { [CONSUMER_TOKEN]: 1 }, accounts }),
      );
      const started_ = await startSandboxProcess(
        team,
        // Provider states: the team's pact is verified against it after the cycles (a state's
        // teardown empties the database).
        ["--port", "0", "--db", ":memory:", "--tokens", "tokens.json", "--enable-provider-states"],
        env,
      );
      log(`  sandbox: ${started_.url}`);
      return started_;
    });
    const sandboxUrl = sandbox.url;

    for (const [format, file, text, parent] of [
      ["ESM", "cycle.mjs", CYCLE_MJS, REHEARSAL_PARENTS[0]],
      ["CJS", "cycle.cjs", CYCLE_CJS, REHEARSAL_PARENTS[1]],
    ] as const) {
      const runEnv = {
        ...env,
        USER_EXTRA_BASE_URL: sandboxUrl,
        USER_EXTRA_TOKEN: CONSUMER_TOKEN,
        REHEARSAL_PARENT: String(parent),
        REHEARSAL_VERSION: versions["@user-extra/client"] ?? "",
      };
      await steps.step(
        `run the client as ${format} (${file}): create, get, patch, delete`,
        async () => {
          await writeFile(join(team, file), text);
          const { stdout } = await run(process.execPath, [file], {
            cwd: team,
            env: runEnv,
            timeoutMs: 60_000,
          });
          if (!stdout.includes(`cycle ok (${format.toLowerCase()})`))
            throw new Error(`${file} did not report a completed cycle`);
          log(`  ${stdout.trim()}`);
        },
      );
    }

    // The team's pact: written by its tests with the installed kit, then verified by the
    // installed user-extra-verify against the published sandbox, as the API owner's CI would.
    const pactEnv = { ...env, PACT_DO_NOT_TRACK: "true" };
    const pact = await steps.step(
      "run the team's pact test with the installed kit (vitest) and check the pact",
      async () => {
        await run(join(team, "node_modules/.bin/vitest"), ["run"], {
          cwd: team,
          env: pactEnv,
          timeoutMs: 180_000,
        });
        await writeFile(join(team, "kit-facts.mjs"), KIT_FACTS_MJS);
        const facts: KitFacts = parseKitFacts(
          (await run(process.execPath, ["kit-facts.mjs"], { cwd: team, env: pactEnv })).stdout,
        );
        const file = join(team, TEAM_PACT_DIR, pactFileName(TEAM_CONSUMER, facts.provider));
        const written = JSON.parse(
          await readFile(file, "utf8").catch(() => {
            throw new Error(`the team's tests wrote no ${file}`);
          }),
        ) as unknown;
        const problems = teamPactProblems(written, {
          consumer: TEAM_CONSUMER,
          provider: facts.provider,
          vocabulary: facts.vocabulary,
          interactions: TEAM_INTERACTIONS,
        });
        if (problems.length > 0) throw new Error(`the team's pact: ${problems.join("; ")}`);
        // The statuses and bodies the tests expect, held against the spec the kit bundles.
        await run(join(team, "node_modules/.bin/user-extra-pact-check"), ["--pact", file], {
          cwd: team,
          env: pactEnv,
        });
        log(
          `  ${TEAM_INTERACTIONS.length} interactions in ${TEAM_PACT_DIR}/${pactFileName(TEAM_CONSUMER, facts.provider)}`,
        );
        return { file, written, provider: facts.provider };
      },
    );

    const statesUrl = sandbox.providerStatesUrl;
    const verifierEnv = { ...pactEnv, USER_EXTRA_PROVIDER_TOKEN: CONSUMER_TOKEN };
    const verifyBin = join(team, "node_modules/.bin/user-extra-verify");
    const noToken = (text: string, what: string) => {
      if (text.includes(CONSUMER_TOKEN)) throw new Error(`${what} holds the provider token`);
    };
    await steps.step(
      "verify the team's pact with the installed user-extra-verify against the sandbox",
      async () => {
        if (!statesUrl) throw new Error("the sandbox printed no provider-state endpoint");
        const junit = join(team, "reports/pact.xml");
        const { output } = await run(
          verifyBin,
          verifyArgs({ pacts: TEAM_PACT_DIR, sandboxUrl, providerStatesUrl: statesUrl, junit }),
          { cwd: team, env: verifierEnv, timeoutMs: 180_000 },
        );
        const report = await readFile(junit, "utf8");
        noToken(output, "the verifier's output");
        noToken(report, "the JUnit report");
        const problems = junitProblems(report, TEAM_INTERACTIONS);
        if (problems.length > 0)
          throw Object.assign(new Error(`the JUnit report: ${problems.join("; ")}`), { output });
        log(`  ${output.trim().split("\n").at(-1)}`);
      },
    );

    await steps.step("a tampered copy of the pact fails verification (exit 1)", async () => {
      if (!statesUrl) throw new Error("the sandbox printed no provider-state endpoint");
      // The 404 interaction, made to expect another status the team expects elsewhere.
      const target = TEAM_INTERACTIONS.find((i) => i.state === "recordMissing");
      if (!target) throw new Error("the team has no interaction given recordMissing");
      const status = wrongStatusFor(target, TEAM_INTERACTIONS);
      const dir = join(team, "pacts-tampered");
      await mkdir(dir, { recursive: true });
      await writeFile(
        join(dir, pactFileName(TEAM_CONSUMER, pact.provider)),
        JSON.stringify(tamperedPact(pact.written, target.description, status), null, 2),
      );
      const junit = join(team, "reports/pact-tampered.xml");
      const { code, output } = await run(
        verifyBin,
        verifyArgs({ pacts: dir, sandboxUrl, providerStatesUrl: statesUrl, junit }),
        { cwd: team, env: verifierEnv, timeoutMs: 180_000, exitCodes: [0, 1, 2] },
      );
      if (code !== 1)
        throw Object.assign(new Error(`the verifier exited ${code}, expected 1`), { output });
      const line = failureLine(output, TEAM_CONSUMER, target.description);
      if (!line)
        throw Object.assign(
          new Error(`no line "FAILED ${TEAM_CONSUMER}: "${target.description}": ..."`),
          { output },
        );
      const report = await readFile(junit, "utf8");
      noToken(output, "the verifier's output");
      noToken(report, "the JUnit report");
      const problems = junitProblems(report, TEAM_INTERACTIONS, [target.description]);
      if (problems.length > 0)
        throw Object.assign(new Error(`the JUnit report: ${problems.join("; ")}`), { output });
      log(`  ${line}`);
    });

    const seconds = (performance.now() - started) / 1000;
    return { versions, timings: steps.timings, seconds, tempDir };
  } finally {
    killRunning();
    await sandbox?.stop();
    await registry?.close();
    // A failed step has printed its output already; the folder goes unless asked to keep it.
    await removeTemp();
    if (options.keep)
      log(`Kept ${tempDir} (workspace copy, team project, Verdaccio storage and log).`);
    if (!stopping) {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  }
}
