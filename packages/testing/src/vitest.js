// @ts-check
// What every package's vitest config shares.

/**
 * Ceilings for a test, a hook and the teardown. They are hang guards, never speed checks: far
 * above what any test here takes on a 2-core machine running the whole suite beside two CPU
 * hogs (the slowest, which pack a tarball or start Verdaccio, take under a minute there).
 */
export const hangGuards = {
  testTimeout: 300_000,
  hookTimeout: 300_000,
  teardownTimeout: 60_000,
};

/**
 * Test files share their worker's modules instead of loading a fresh graph each: the files of a
 * package import the same heavy modules (the client, libsql, Pact's core, TypeScript), and
 * loading them once per worker cut a package's test CPU by a quarter to a half where measured
 * (client 63 -> 47 CPU-s, release 38 -> 25). So a file must not rely on module state another
 * file could leave: each one sets up and tears down what it uses.
 */
export const sharedModules = { isolate: false };
