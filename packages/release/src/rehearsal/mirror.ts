import { createHash } from "node:crypto";
import { access, readFile, realpath } from "node:fs/promises";
import { dirname, join } from "node:path";
import { run } from "./exec.js";

/**
 * Mirrors third-party packages from the workspace's pnpm virtual store to the rehearsal's
 * Verdaccio, so that the consumer's `npm install` never leaves 127.0.0.1 (Verdaccio has no
 * uplinks: it serves exactly what is published to it).
 */

export interface MirrorPackage {
  name: string;
  version: string;
  /** The installed package folder (its real path inside node_modules/.pnpm). */
  dir: string;
}

/** A dependency to start from: `name` as Node would resolve it from the folder `from`. */
export interface MirrorRoot {
  name: string;
  from: string;
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Manifest;
}

/**
 * Node's lookup: `node_modules/<name>` in `from` and each parent folder. In pnpm's layout a
 * package's dependencies are symlinks next to it (`.pnpm/<pkg>@<v>/node_modules/<dep>`), so this
 * finds the exact version pnpm installed for it. Returns the real path, or undefined.
 */
export async function resolvePackageDir(name: string, from: string): Promise<string | undefined> {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    const found = await access(join(candidate, "package.json")).then(
      () => true,
      () => false,
    );
    if (found) return realpath(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Every package npm needs to install `roots`: dependencies, optional dependencies and
 * non-optional peer dependencies (npm installs those too), recursively. An optional one that is
 * not installed here (another platform's binary) is left out: npm skips an optional dependency
 * it cannot fetch. One entry per name@version, sorted.
 */
export async function dependencyClosure(roots: MirrorRoot[]): Promise<MirrorPackage[]> {
  const queue = roots.map((r) => ({ ...r, optional: false, wantedBy: r.from }));
  const seenDirs = new Set<string>();
  const packages = new Map<string, MirrorPackage>();
  for (let item = queue.shift(); item; item = queue.shift()) {
    const dir = await resolvePackageDir(item.name, item.from);
    if (!dir) {
      if (item.optional) continue;
      throw new Error(
        `dependency "${item.name}" of ${item.wantedBy} is not installed: expected node_modules/${item.name} in ${item.from} or a parent folder`,
      );
    }
    if (seenDirs.has(dir)) continue;
    seenDirs.add(dir);
    const manifest = await readManifest(dir);
    const id = `${manifest.name}@${manifest.version}`;
    // pnpm keeps one folder per peer-dependency set: the same name@version may appear twice.
    if (!packages.has(id))
      packages.set(id, { name: manifest.name, version: manifest.version, dir });
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
      (peer) => manifest.peerDependenciesMeta?.[peer]?.optional !== true,
    );
    for (const name of Object.keys(manifest.dependencies ?? {}))
      if (!optional.has(name)) queue.push({ name, from: dir, optional: false, wantedBy: id });
    for (const name of optional) queue.push({ name, from: dir, optional: true, wantedBy: id });
    for (const name of peers) queue.push({ name, from: dir, optional: false, wantedBy: id });
  }
  return [...packages.values()].sort((a, b) =>
    `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`),
  );
}

/**
 * Packs each package folder as `package/...` and publishes the tarball to Verdaccio with the
 * request `npm publish` sends. An installed folder already holds exactly the files of the
 * tarball it came from, so it is archived as is: `npm pack` on a folder inside
 * node_modules/.pnpm hangs ("Exit handler never called!", npm 11) and would re-apply `files`
 * rules. --hard-dereference matters: pnpm hardlinks identical files (index.d.ts and
 * index.d.mts of one package), tar would store the second as a link entry, and npm drops those
 * when it extracts. The PUT is done here rather than by `npm publish`, which would honour a package's own
 * `publishConfig.registry` and spends a second of start-up per package. No scripts run.
 */
export async function mirrorPackages(
  packages: MirrorPackage[],
  registry: { url: string; token: string },
  packDir: string,
): Promise<void> {
  const tarballs = await mapLimit(packages, 4, async (pkg) => {
    const file = join(packDir, `${pkg.name.replace("@", "").replace("/", "-")}-${pkg.version}.tgz`);
    await run(
      "tar",
      [
        "-cf",
        file,
        // Fastest gzip: these tarballs live for one run, and compressing ~40 MB at the default
        // level took longer than the whole publish.
        "--use-compress-program=gzip -1",
        "--hard-dereference",
        "--owner=0",
        "--group=0",
        "--transform",
        "s,^\\.,package,",
        "-C",
        pkg.dir,
        ".",
      ],
      { cwd: packDir, timeoutMs: 120_000 },
    );
    return file;
  });
  // One at a time: two versions of one package must not race on its Verdaccio document.
  for (const [i, pkg] of packages.entries()) {
    const manifest = await readManifest(pkg.dir);
    await publishTarball(registry, manifest, await readFile(tarballs[i] ?? ""));
  }
}

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The request `npm publish` sends: the manifest plus the tarball as a base64 attachment. */
export async function publishTarball(
  registry: { url: string; token: string },
  manifest: Manifest,
  tarball: Buffer,
): Promise<void> {
  const { name, version } = manifest;
  const file = `${name}-${version}.tgz`;
  const body = {
    _id: name,
    name,
    "dist-tags": { latest: version },
    versions: {
      [version]: {
        ...manifest,
        _id: `${name}@${version}`,
        dist: {
          shasum: createHash("sha1").update(tarball).digest("hex"),
          integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
          tarball: `${registry.url}${name}/-/${file}`,
        },
      },
    },
    _attachments: {
      [file]: {
        content_type: "application/octet-stream",
        data: tarball.toString("base64"),
        length: tarball.length,
      },
    },
  };
  const response = await fetch(`${registry.url}${name.replace("/", "%2f")}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${registry.token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    throw new Error(
      `Verdaccio refused ${name}@${version}: ${response.status} ${text.slice(0, 200)}`,
    );
  }
}
