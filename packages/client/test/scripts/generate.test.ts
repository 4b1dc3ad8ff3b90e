// The spec drives the client: evolve a copy of the spec as an API team would, regenerate, and
// the client's run-time checks, filters, ListQuery and method set follow with no other edit.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";
import type { Rule } from "../../src/core/validate.js";
import { InvalidInputError } from "../../src/index.js";
import { fakeFetch, json, record, settle } from "../helpers.js";
import { missingMethods } from "../resources/operations.test.js";

const run = promisify(execFile);
const pkgDir = new URL("../..", import.meta.url).pathname;
const specPath = join(pkgDir, "../../openapi/user-extra.yaml");
let tmp = "";

type Spec = {
  paths: Record<string, Record<string, { operationId?: string; parameters?: unknown[] }>>;
  components: {
    schemas: Record<
      string,
      { enum?: unknown[]; properties?: Record<string, Record<string, unknown>> }
    >;
  };
};

/** Generates from an evolved copy of the spec into its own folder; returns that folder. */
async function generate(name: string, evolve: (spec: Spec) => void) {
  const spec = parse(readFileSync(specPath, "utf8")) as Spec;
  evolve(spec);
  const dir = join(tmp, name);
  writeFileSync(join(tmp, `${name}.yaml`), stringify(spec));
  await run(process.execPath, [
    join(pkgDir, "scripts/generate.mjs"),
    join(tmp, `${name}.yaml`),
    dir,
  ]);
  return dir;
}

/** A client built on generated files from `dir` instead of src/generated (nothing else swapped). */
async function clientFrom(dir: string) {
  vi.resetModules();
  for (const f of ["checks", "api"]) {
    vi.doMock(`../../src/generated/${f}.gen.js`, () => import(join(dir, `${f}.gen.ts`)));
  }
  const { createUserExtraClient } = await import("../../src/index.js");
  const { fetch, calls } = fakeFetch(json(200, record(1)));
  return {
    c: createUserExtraClient({ baseUrl: "http://127.0.0.1:1/api/v1", token: "t", fetch }),
    calls,
  };
}

let profile: Record<string, Record<string, unknown>>;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "user-extra-generate-"));
  profile = (parse(readFileSync(specPath, "utf8")) as Spec).components.schemas.UserExtraProfile
    ?.properties as typeof profile;
});
afterAll(() => {
  vi.doUnmock("../../src/generated/checks.gen.js");
  vi.doUnmock("../../src/generated/api.gen.js");
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("a new enum value", () => {
  it("is accepted once the spec has it, and refused before", async () => {
    const before = await clientFrom(await generate("base", () => {}));
    const refused = await settle(before.c.patch(1, { gender: "x" as "m" }));
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect(before.calls).toHaveLength(0);

    const after = await clientFrom(
      await generate("gender-x", (s) => s.components.schemas.Gender?.enum?.push("x")),
    );
    await after.c.patch(1, { gender: "x" as "m" });
    expect(JSON.parse(after.calls[0]?.body ?? "{}").gender).toBe("x");
  });
});

describe("a bound", () => {
  it("a maximum the spec states is enforced, and a loosened one follows", async () => {
    expect(profile.age).not.toHaveProperty("maximum"); // the spec states none today
    const tight = await clientFrom(
      await generate("age-150", (s) => {
        (
          s.components.schemas.UserExtraProfile?.properties?.age as Record<string, unknown>
        ).maximum = 150;
      }),
    );
    const err = (await settle(tight.c.patch(1, { age: 170 }))) as InvalidInputError;
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.field).toBe("age");
    expect(err.message).toContain("170");
    expect(err.message).toContain("150");

    const loose = await clientFrom(
      await generate("age-200", (s) => {
        (
          s.components.schemas.UserExtraProfile?.properties?.age as Record<string, unknown>
        ).maximum = 200;
      }),
    );
    await loose.c.patch(1, { age: 170 });
    expect(loose.calls).toHaveLength(1);
    expect(await settle(loose.c.patch(1, { age: 201 }))).toBeInstanceOf(InvalidInputError);
  });
});

describe("a new optional list filter", () => {
  const addCountry = (s: Spec) => {
    s.paths["/user_extra/"]?.get?.parameters?.push({
      name: "country",
      in: "query",
      required: false,
      description: "Filter by country name or code.",
      schema: { type: "string" },
    });
  };

  it("reaches list() with its wire name, checked by its schema", async () => {
    const dir = await generate("country", addCountry);
    const { c, calls } = await clientFrom(dir);
    await settle(c.list({ country: "FR" } as object));
    expect(calls[0]?.url.searchParams.get("country")).toBe("FR");
    const err = await settle(c.list({ country: 5 } as object));
    expect(err).toBeInstanceOf(InvalidInputError);
  });

  it("is in ListQuery: a strict compile of a caller using it passes, and a wrong type fails", async () => {
    const dir = await generate("country-types", addCountry);
    writeFileSync(
      join(dir, "probe.ts"),
      `import type { ListQuery } from "./api.gen.js";
export const ok: ListQuery = { country: "FR", limit: undefined };
// @ts-expect-error country is a string
export const bad: ListQuery = { country: 5 };
`,
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          module: "nodenext",
          lib: ["es2022"],
          types: [],
          noEmit: true,
        },
        files: ["probe.ts"],
      }),
    );
    const tsc = join(pkgDir, "node_modules/.bin/tsc");
    const out = await run(tsc, ["-p", dir]).then(
      (r) => r.stdout,
      (e: { stdout?: string }) => String(e.stdout),
    );
    expect(out).toBe("");
  });
});

describe("a new operation", () => {
  it("is named, with the method to add", async () => {
    const dir = await generate("archive", (s) => {
      s.paths["/user_extra/{id}/archive/"] = {
        post: {
          operationId: "archiveUserExtra",
          responses: { "204": { description: "Archived" } },
        } as never,
      };
    });
    const { OPERATIONS } = await import(join(dir, "api.gen.ts"));
    expect(missingMethods(OPERATIONS)).toEqual([
      "the spec's archiveUserExtra (POST /user_extra/{id}/archive/) has no client method: add one to UserExtraClient and to OPERATION_METHODS",
    ]);
  });
});

describe("what the generator refuses", () => {
  it("a status with no error class fails the generation, naming it", async () => {
    const err = await settle(
      generate("teapot", (s) => {
        const get = s.paths["/user_extra/"]?.get as unknown as {
          responses: Record<string, unknown>;
        };
        get.responses["418"] = { description: "teapot" };
      }),
    );
    expect(String((err as { stderr?: string }).stderr)).toContain("status 418");
  });

  it("a format the client does not check fails the generation, naming it", async () => {
    const err = await settle(
      generate("email", (s) => {
        (
          s.components.schemas.UserExtraProfile?.properties?.city as Record<string, unknown>
        ).format = "email";
      }),
    );
    expect(String((err as { stderr?: string }).stderr)).toContain("format email");
  });
});

// The real generated rules, read back as the checker sees them.
describe("the generated rules say what the spec says", () => {
  it("every writable field of PATCH has a rule, and gender's enum is the spec's", async () => {
    const { BODIES } = await import("../../src/generated/checks.gen.js");
    expect(Object.keys(BODIES.patch.fields).sort()).toEqual(
      [...Object.keys(profile), "accept_terms"].sort(),
    );
    const gender = BODIES.patch.fields.gender as Rule;
    const spec = parse(readFileSync(specPath, "utf8")) as Spec;
    expect(gender.e).toEqual(spec.components.schemas.Gender?.enum?.filter((v) => v !== null));
  });
});
