import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { findBaseline } from "../../src/breaking/baseline.js";
import { tempDir } from "../helpers.js";

const run = promisify(execFile);
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

const spec = (title: string) =>
  `openapi: 3.0.3\ninfo:\n  title: ${title}\n  version: 1.0.0\npaths: {}\n`;

/** A git repository whose openapi/user-extra.yaml is committed with title `first`. */
async function repo(): Promise<{ dir: string; git: (...args: string[]) => Promise<string> }> {
  const { dir, cleanup } = await tempDir("git");
  cleanups.push(cleanup);
  const git = async (...args: string[]) =>
    (
      await run("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], {
        cwd: dir,
      })
    ).stdout.trim();
  await git("init", "-q", "-b", "main");
  await mkdir(join(dir, "openapi"));
  await writeFile(join(dir, "openapi", "user-extra.yaml"), spec("first"));
  await git("add", ".");
  await git("commit", "-qm", "first");
  return { dir, git };
}

const titleOf = (baseline: Awaited<ReturnType<typeof findBaseline>>) =>
  (baseline?.spec.doc.info as { title?: string } | undefined)?.title;

const options = (root: string) => ({
  root,
  specPath: "openapi/user-extra.yaml",
  baseBranch: "main",
});

describe("findBaseline", () => {
  it("finds nothing in a repository without tags or origin", async () => {
    const { dir } = await repo();
    expect(await findBaseline(options(dir))).toBeUndefined();
  });

  it("finds nothing outside a git repository", async () => {
    const { dir, cleanup } = await tempDir("nogit");
    cleanups.push(cleanup);
    expect(await findBaseline(options(dir))).toBeUndefined();
  });

  it("takes the spec of the newest @user-extra/types tag, by version order", async () => {
    const { dir, git } = await repo();
    await git("tag", "@user-extra/types@1.2.0");
    await writeFile(join(dir, "openapi", "user-extra.yaml"), spec("second"));
    await git("commit", "-qam", "second");
    await git("tag", "@user-extra/types@1.10.0"); // newer than 1.2.0 by version, older by text
    await writeFile(join(dir, "openapi", "user-extra.yaml"), spec("working-tree"));
    const baseline = await findBaseline(options(dir));
    expect(baseline?.source).toBe("tag");
    expect(baseline?.spec.label).toBe("git tag @user-extra/types@1.10.0");
    expect(titleOf(baseline)).toBe("second");
  });

  it("falls back to the merge-base with origin/main", async () => {
    const { dir, git } = await repo();
    await git("update-ref", "refs/remotes/origin/main", "HEAD");
    await git("checkout", "-qb", "feature");
    await writeFile(join(dir, "openapi", "user-extra.yaml"), spec("feature"));
    await git("commit", "-qam", "feature");
    const baseline = await findBaseline(options(dir));
    expect(baseline?.source).toBe("merge-base");
    expect(titleOf(baseline)).toBe("first");
  });

  it("an explicit file wins over a tag", async () => {
    const { dir, git } = await repo();
    await git("tag", "@user-extra/types@1.0.0");
    await writeFile(join(dir, "explicit.yaml"), spec("explicit"));
    const baseline = await findBaseline({ ...options(dir), baseFile: "explicit.yaml" });
    expect(baseline?.source).toBe("file");
    expect(titleOf(baseline)).toBe("explicit");
  });

  it("refuses an OpenAPI 3.1 baseline, naming the field and what is expected", async () => {
    const { dir } = await repo();
    await writeFile(
      join(dir, "new.yaml"),
      "openapi: 3.1.0\ninfo: {title: x, version: 1.0.0}\npaths: {}\n",
    );
    await expect(findBaseline({ ...options(dir), baseFile: "new.yaml" })).rejects.toThrow(
      /new\.yaml: field "openapi" is "3\.1\.0"; expected 3\.0\.x/,
    );
  });
});

describe("findBaseline from a registry (a loopback stand-in for Verdaccio)", () => {
  async function registryServing(tarball: Buffer | undefined): Promise<string> {
    const server: Server = createServer((req, res) => {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (req.url === "/@user-extra%2ftypes") {
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            "dist-tags": { latest: "1.4.0" },
            versions: { "1.4.0": { dist: { tarball: `${origin}/types-1.4.0.tgz` } } },
          }),
        );
      } else if (req.url === "/types-1.4.0.tgz" && tarball) {
        res.end(tarball);
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  async function packTypes(openapiJson: string): Promise<Buffer> {
    const { dir, cleanup } = await tempDir("pack");
    cleanups.push(cleanup);
    await mkdir(join(dir, "package", "dist"), { recursive: true });
    await writeFile(
      join(dir, "package", "package.json"),
      '{"name":"@user-extra/types","version":"1.4.0"}',
    );
    await writeFile(join(dir, "package", "dist", "openapi.json"), openapiJson);
    await run("tar", ["czf", "types.tgz", "package"], { cwd: dir });
    const { readFile } = await import("node:fs/promises");
    return readFile(join(dir, "types.tgz"));
  }

  it("reads dist/openapi.json of the latest published @user-extra/types", async () => {
    const json = JSON.stringify({
      openapi: "3.0.3",
      info: { title: "published", version: "1" },
      paths: {},
    });
    const registry = await registryServing(await packTypes(json));
    const baseline = await findBaseline({ ...options("/nonexistent"), registry });
    expect(baseline?.source).toBe("registry");
    expect(baseline?.spec.label).toMatch(
      /^@user-extra\/types@1\.4\.0 on http:\/\/127\.0\.0\.1:\d+$/,
    );
    expect(titleOf(baseline)).toBe("published");
  });

  it("names the tarball when it cannot be downloaded", async () => {
    const registry = await registryServing(undefined);
    await expect(findBaseline({ ...options("/nonexistent"), registry })).rejects.toThrow(
      /types-1\.4\.0\.tgz answered 404/,
    );
  });
});
