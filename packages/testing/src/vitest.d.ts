// Types of vitest.js (plain JavaScript, so that configs and the run-tests bin need no build).
export declare const hangGuards: {
  testTimeout: number;
  hookTimeout: number;
  teardownTimeout: number;
};
export declare const sharedModules: { isolate: boolean };
