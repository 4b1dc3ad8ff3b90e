// A static file server for site/ on 127.0.0.1: what the browser test opens, and `pnpm serve`
// for a person reading the docs locally.
import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { SITE_DIR } from "./paths.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

export interface SiteServer {
  url: string;
  close(): Promise<void>;
}

/** The file a URL path names inside `root`, or undefined (outside root, or no such file). */
export function fileFor(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split("?")[0] ?? "/");
  } catch {
    return undefined;
  }
  let file = normalize(join(root, path));
  if (
    file !== root.replace(/\/$/, "") &&
    !file.startsWith(root.endsWith(sep) ? root : root + sep)
  ) {
    return undefined;
  }
  try {
    if (statSync(file).isDirectory()) file = join(file, "index.html");
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

export async function serveSite(root = SITE_DIR, port = 0): Promise<SiteServer> {
  const server: Server = createServer((req, res) => {
    const file = fileFor(root, req.url ?? "/");
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = await serveSite(SITE_DIR, Number(process.env.PORT ?? 4020));
  console.log(`docs: ${site.url} (Ctrl+C to stop)`);
}
