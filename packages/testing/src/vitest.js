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
