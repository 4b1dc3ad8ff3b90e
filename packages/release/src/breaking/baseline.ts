import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { parseSpec, type SpecDocument } from "./spec-document.js";
import { readFileFromTarball } from "./tarball.js";

const run = promisify(execFile);

export const TYPES_PACKAGE = "@user-extra/types";

export interface BaselineOptions {
  /** Workspace root (also the git work tree). */
  root: string;
  /** The spec's path relative to the root, as git knows it. */
  specPath: string;
  /** An explicit baseline file: wins over everything else. */
  baseFile?: string | undefined;
  /** Read the baseline from the @user-extra/types published on this registry (opt-in: network). */
  registry?: string | undefined;
  /** The branch changesets releases from (`baseBranch` of .changeset/config.json). */
  baseBranch: string;
}

export interface Baseline {
  /** How it was found, for the report. */
  source: "file" | "registry" | "tag" | "merge-base";
  spec: SpecDocument;
}

/**
 * The spec of the last release, tried in this order: an explicit `--base` file; the published
 * @user-extra/types on `--registry`; the newest `@user-extra/types@*` git tag; the merge-base
 * with origin/<baseBranch>. Undefined when none exists (nothing was released yet).
 */
export async function findBaseline(options: BaselineOptions): Promise<Baseline | undefined> {
  if (options.baseFile) {
    const text = await readFile(resolve(options.root, options.baseFile), "utf8");
    return { source: "file", spec: parseSpec(text, options.baseFile) };
  }
  if (options.registry) {
    return { source: "registry", spec: await fromRegistry(options.registry) };
  }
  const tag = await latestTag(options.root);
  if (tag) {
    const text = await gitShow(options.root, tag, options.specPath);
    if (text !== undefined) return { source: "tag", spec: parseSpec(text, `git tag ${tag}`) };
  }
  const mergeBase = await git(options.root, ["merge-base", "HEAD", `origin/${options.baseBranch}`]);
  if (mergeBase) {
    const text = await gitShow(options.root, mergeBase, options.specPath);
    if (text !== undefined) {
      return {
        source: "merge-base",
        spec: parseSpec(
          text,
          `merge-base ${mergeBase.slice(0, 12)} with origin/${options.baseBranch}`,
        ),
      };
    }
  }
  return undefined;
}

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", args, { cwd, maxBuffer: 32 * 1024 * 1024 });
    return stdout.trim() || undefined;
  } catch {
    return undefined; // not a git work tree, no such ref, no such file
  }
}

export async function latestTag(root: string): Promise<string | undefined> {
  const tags = await git(root, ["tag", "--list", `${TYPES_PACKAGE}@*`, "--sort=-version:refname"]);
  return tags?.split("\n")[0];
}

function gitShow(root: string, ref: string, specPath: string): Promise<string | undefined> {
  return git(root, ["show", `${ref}:${specPath}`]);
}

/** The bundled spec (`dist/openapi.json`) of the latest published @user-extra/types. */
export async function fromRegistry(registry: string): Promise<SpecDocument> {
  const base = registry.replace(/\/+$/, "");
  const packumentUrl = `${base}/${TYPES_PACKAGE.replace("/", "%2f")}`;
  const response = await fetch(packumentUrl, { headers: { accept: "application/json" } });
  if (!response.ok) {
    throw new Error(
      `registry ${base}: GET ${TYPES_PACKAGE} answered ${response.status}; expected the package's metadata`,
    );
  }
  const packument = (await response.json()) as {
    "dist-tags"?: Record<string, string>;
    versions?: Record<string, { dist?: { tarball?: string } }>;
  };
  const latest = packument["dist-tags"]?.latest;
  const tarball = latest ? packument.versions?.[latest]?.dist?.tarball : undefined;
  if (!latest || !tarball) {
    throw new Error(`registry ${base}: ${TYPES_PACKAGE} has no "latest" version with a tarball`);
  }
  const download = await fetch(tarball);
  if (!download.ok) throw new Error(`registry ${base}: GET ${tarball} answered ${download.status}`);
  const text = readFileFromTarball(
    new Uint8Array(await download.arrayBuffer()),
    "package/dist/openapi.json",
  );
  if (text === undefined) {
    throw new Error(`${TYPES_PACKAGE}@${latest} from ${base} has no dist/openapi.json`);
  }
  return parseSpec(text, `${TYPES_PACKAGE}@${latest} on ${base}`);
}
