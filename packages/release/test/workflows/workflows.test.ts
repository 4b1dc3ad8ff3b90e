import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { WORKSPACE_ROOT } from "../helpers.js";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: unknown;
  jobs: Record<string, { "runs-on": string; "timeout-minutes"?: number; steps: Step[] }>;
}

const read = (path: string) => readFileSync(join(WORKSPACE_ROOT, path), "utf8");
const workflow = (name: string) => parse(read(`.github/workflows/${name}`)) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps);

/** The task names of every `turbo run a b c --flag` in a text, in order. */
function turboTasks(text: string): string[] {
  return [...text.matchAll(/turbo run ((?:[\w:-]+ ?)+)/g)]
    .flatMap((m) => (m[1] ?? "").trim().split(/\s+/))
    .filter((t) => !t.startsWith("-"));
}

describe("ci.yml", () => {
  const ci = workflow("ci.yml");
  const ciSteps = steps(ci);
  const ciTasks = ciSteps.flatMap((s) => turboTasks(s.run ?? ""));
  const scriptTasks = turboTasks(read("scripts/test"));

  it("scripts/test is what it mirrors (sanity of the parsing)", () => {
    expect(scriptTasks).toContain("rehearsal");
    expect(scriptTasks.length).toBeGreaterThan(3);
  });

  it("runs every turbo task of scripts/test, in the same order, plus an explicit build", () => {
    expect(ciTasks.filter((t) => t !== "build")).toEqual(scriptTasks);
    expect(ciTasks).toContain("build");
  });

  it("installs with scripts/bootstrap before any task, on Node 20", () => {
    const install = ciSteps.findIndex((s) => s.run?.trim() === "bash scripts/bootstrap");
    const firstTask = ciSteps.findIndex((s) => turboTasks(s.run ?? "").length > 0);
    expect(install).toBeGreaterThanOrEqual(0);
    expect(install).toBeLessThan(firstTask);
    const node = ciSteps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    expect(String(node?.with?.["node-version"])).toBe("20");
  });

  it("fetches tags and history for the breaking-change baseline, within CI's 90 minutes", () => {
    const checkout = ciSteps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["fetch-depth"]).toBe(0);
    for (const job of Object.values(ci.jobs))
      expect(job["timeout-minutes"]).toBeLessThanOrEqual(90);
  });
});

describe("release.yml", () => {
  const release = workflow("release.yml");
  const releaseSteps = steps(release);
  const rootScripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> })
    .scripts;

  it("versions and publishes with changesets/action through the root scripts", () => {
    const action = releaseSteps.find((s) => s.uses?.startsWith("changesets/action@"));
    expect(action).toBeDefined();
    const version = String(action?.with?.version);
    const publish = String(action?.with?.publish);
    expect(version).toBe("pnpm exec changeset version");
    expect(publish).toBe("pnpm run release");
    // `pnpm run release` is the script the rehearsal runs against Verdaccio.
    expect(rootScripts.release).toBe("bash scripts/release");
    expect(read("scripts/release")).toContain("changeset publish");
    expect(action?.env?.NPM_TOKEN).toMatch(/^\$\{\{\s*secrets\.NPM_TOKEN\s*\}\}$/);
  });

  it("publishes only from main", () => {
    expect(release.on).toEqual({ push: { branches: ["main"] } });
  });

  it("puts pnpm on PATH before the changesets action (changeset publish calls it by name)", () => {
    const pnpm = releaseSteps.findIndex((s) => /npm install --global "?pnpm@/.test(s.run ?? ""));
    const action = releaseSteps.findIndex((s) => s.uses?.startsWith("changesets/action@"));
    expect(pnpm).toBeGreaterThanOrEqual(0);
    expect(pnpm).toBeLessThan(action);
  });
});
