import { describe, expect, it } from "vitest";
import { CONSUMER, cliArgs, PACT_DIR, PACT_FILE, PROVIDER, SPEC_FILE } from "../src/names";

describe("names and places", () => {
  it("name the pact after the stable consumer and provider, inside this package", () => {
    expect([CONSUMER, PROVIDER]).toEqual(["user-extra-client", "user-extra-api"]);
    expect(PACT_DIR).toMatch(/packages\/contract\/pacts$/);
    expect(PACT_FILE).toBe(`${PACT_DIR}/user-extra-client-user-extra-api.json`);
    expect(SPEC_FILE).toMatch(/\/openapi\/user-extra\.yaml$/);
  });

  it("drop the `--` pnpm passes through before a script's flags, and only that", () => {
    expect(cliArgs(["--", "--pact", "x"])).toEqual(["--pact", "x"]);
    expect(cliArgs(["--pact", "x", "--"])).toEqual(["--pact", "x", "--"]);
    expect(cliArgs([])).toEqual([]);
  });
});
