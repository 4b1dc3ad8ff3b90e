import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE, DEFAULT_PORT, parseCli } from "../src/args.js";

describe("CLI flags", () => {
  it("has defaults for a local run", () => {
    expect(parseCli([])).toEqual({
      kind: "start",
      options: {
        port: DEFAULT_PORT,
        host: "127.0.0.1",
        database: DEFAULT_DATABASE,
        providerStates: false,
        quiet: false,
      },
    });
  });

  it("maps every flag to an option", () => {
    const command = parseCli([
      "--port",
      "0",
      "--host",
      "::1",
      "--db",
      ":memory:",
      "--tokens",
      "t.json",
      "--seed",
      "1000",
      "--public-base-url",
      "https://sandbox.example.com/api/v1",
      "--enable-provider-states",
      "--quiet",
    ]);
    expect(command).toEqual({
      kind: "start",
      options: {
        port: 0,
        host: "::1",
        database: ":memory:",
        tokensFile: "t.json",
        seed: 1000,
        publicBaseUrl: "https://sandbox.example.com/api/v1",
        providerStates: true,
        quiet: true,
      },
    });
  });

  it("ignores a bare -- (as package managers may pass it)", () => {
    expect(parseCli(["--", "--seed", "10"])).toMatchObject({
      kind: "start",
      options: { seed: 10 },
    });
  });

  it("recognises --help and -h", () => {
    expect(parseCli(["--help"])).toEqual({ kind: "help" });
    expect(parseCli(["-h"])).toEqual({ kind: "help" });
  });

  it.each([
    [["--port", "http"], '--port expects an integer from 0 to 65535, got "http".'],
    [["--port", "65536"], '--port expects an integer from 0 to 65535, got "65536".'],
    [["--seed", "1e3"], '--seed expects an integer from 0 to 10000000, got "1e3".'],
    [["--public-base-url", "sandbox.local"], /--public-base-url expects an absolute http\(s\) URL/],
    [["--bogus"], "Unknown option --bogus."],
    [["4010"], 'Unexpected argument "4010": every option is a --flag.'],
    [["--db", ""], "--db expects a file path or :memory:, got an empty string."],
    [["--port"], /--port/],
  ])("refuses %j clearly", (argv, message) => {
    expect(() => parseCli(argv as string[])).toThrow(message);
  });
});
