// The built code as it is published: what it imports, that both builds run (and work together
// in one process), and the client's own code within its size budget. The tarball itself is
// checked in tarball.test.ts. Needs `dist/` (turbo builds it first).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const pkgDir = new URL("..", import.meta.url).pathname;
const bin = (name: string) => join(pkgDir, "node_modules", ".bin", name);
const env = { ...process.env, npm_config_update_notifier: "false", NO_COLOR: "1" };
describe("built code", () => {
  it("imports only its two dependencies at run time (@user-extra/types for PUT's field list)", () => {
    for (const file of ["index.js", "index.cjs"]) {
      const code = readFileSync(join(pkgDir, "dist", file), "utf8");
      const imported = [...code.matchAll(/(?:from |require\()"([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(imported)).toEqual(new Set(["openapi-fetch", "@user-extra/types"]));
    }
  });
});

describe("both builds work at run time", () => {
  const script = (load: string) => `
    const { createUserExtraClient, NotFoundError } = ${load};
    const fetch = async (req) => new Response(JSON.stringify({ detail: "Not found." }), {
      status: 404, headers: { "content-type": "application/json" } });
    const client = createUserExtraClient({ baseUrl: "http://127.0.0.1:1/api/v1", token: "t", fetch });
    client.get(7).then(() => process.exit(3), (e) => {
      console.log(e instanceof NotFoundError ? "NotFoundError " + e.status + " " + e.method + " " + e.path : "other " + e);
    });`;

  it.each([
    ["ESM", "--input-type=module", 'await import("@user-extra/client")'],
    ["CJS", "--input-type=commonjs", 'require("@user-extra/client")'],
  ])(
    "the %s build creates a client that sends requests and throws typed errors",
    (_, type, load) => {
      const out = execFileSync(process.execPath, [type, "-e", script(load)], {
        cwd: pkgDir,
        env,
        encoding: "utf8",
      });
      expect(out.trim()).toBe("NotFoundError 404 GET /api/v1/user_extra/7/");
    },
  );
});

describe("the validate entry point", () => {
  it.each([
    ["ESM", "--input-type=module", 'await import("@user-extra/client/validate")'],
    ["CJS", "--input-type=commonjs", 'require("@user-extra/client/validate")'],
  ])("loads from the %s build and finds a record's missing id", (_, type, load) => {
    const script = `const { validateResponses } = ${load};
      console.log(validateResponses("getUserExtra", {}) ?? "none");`;
    const out = execFileSync(process.execPath, [type, "-e", script], {
      cwd: pkgDir,
      env,
      encoding: "utf8",
    });
    expect(out.trim()).toBe("body.id: missing");
  });
});

describe("the ESM and CJS copies in one process (the dual-package hazard)", () => {
  it("an error thrown by the CJS copy is instanceof the ESM copy's classes, and vice versa", () => {
    const script = `
      import { createRequire } from "node:module";
      const esm = await import("@user-extra/client");
      const cjs = createRequire(process.cwd() + "/")("@user-extra/client");
      if (esm.NotFoundError === cjs.NotFoundError) throw new Error("one copy only");
      const fetch = async () => new Response(JSON.stringify({ detail: "Not found." }), { status: 404 });
      const verdicts = [];
      for (const [from, to] of [[cjs, esm], [esm, cjs]]) {
        const c = from.createUserExtraClient({ baseUrl: "http://127.0.0.1:1/api/v1", token: "t", fetch, maxRetries: 0 });
        const e = await c.get(7).catch((e) => e);
        verdicts.push([e instanceof to.NotFoundError, e instanceof to.APIError, e instanceof to.UserExtraError, e instanceof to.ConflictError]);
      }
      console.log(JSON.stringify(verdicts));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: pkgDir,
      env,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual([
      [true, true, true, false],
      [true, true, true, false],
    ]);
  });
});

describe("size budget", () => {
  it("the client's own code is within .size-limit.json's budget (openapi-fetch excluded)", () => {
    const out = execFileSync(bin("size-limit"), ["--json"], { cwd: pkgDir, env, encoding: "utf8" });
    const [result, validate] = JSON.parse(out) as { size: number; passed: boolean }[];
    expect(validate?.passed).toBe(true); // the opt-in entry point has its own budget
    expect(result?.passed).toBe(true);
    expect(result?.size).toBeGreaterThan(500); // measured something real
  });
});
