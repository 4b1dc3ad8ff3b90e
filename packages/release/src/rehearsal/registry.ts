import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

const require = createRequire(import.meta.url);

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** A publish token of a user created for this run. */
  token: string;
  logFile: string;
  close(): Promise<void>;
}

/**
 * Starts Verdaccio in this process on 127.0.0.1 and a free port, with its storage, users and
 * log in `dir`. No uplinks: it serves only what the rehearsal publishes and never reaches the
 * internet. The rehearsal also publishes the consumer's third-party dependencies to it (see
 * mirror.ts), so the consumer installs everything from here.
 */
export async function startRegistry(dir: string): Promise<LocalRegistry> {
  const { runServer } = require("verdaccio") as { runServer: (config: unknown) => Promise<Server> };
  await mkdir(dir, { recursive: true });
  const logFile = join(dir, "verdaccio.log");
  const config = {
    self_path: join(dir, "config.yaml"),
    storage: join(dir, "storage"),
    auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: 10 } },
    uplinks: {},
    packages: {
      "**": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" },
    },
    // JWT tokens: each request's token is checked by its signature. The default (legacy) token
    // makes Verdaccio re-check the password's bcrypt hash on every request, ~90 ms each: a
    // quarter of a minute over the mirror's few hundred PUTs.
    security: { api: { jwt: { sign: { expiresIn: "2h" } } } },
    web: { enable: false },
    middlewares: { audit: { enabled: false } },
    log: { type: "file", path: logFile, format: "json", level: "warn" },
    server: { keepAliveTimeout: 5 },
    // The mirrored dependencies include typescript and libsql's native binary (several MB each).
    max_body_size: "200mb",
  };
  const server = await runServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  try {
    const token = await createUser(url);
    return { url, token, logFile, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `npm adduser` over HTTP: Verdaccio's htpasswd plugin creates the user and returns a token. */
async function createUser(url: string): Promise<string> {
  const name = "rehearsal";
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name,
      password: randomBytes(12).toString("hex"),
      email: "rehearsal@example.invalid",
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: unknown; error?: unknown };
  if (response.status !== 201 || typeof body.token !== "string") {
    throw new Error(
      `Verdaccio refused to create the publishing user: ${response.status} ${JSON.stringify(body.error ?? "")}`,
    );
  }
  return body.token;
}
