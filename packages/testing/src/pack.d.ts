// Types of pack.js (plain JavaScript, like the rest of this package).
export declare function packPackage(
  pkgDir: string,
  built?: readonly string[],
): {
  tarball: string;
  files: string[];
  remove: () => void;
};
export declare function attwProblems(pkgDir: string, tarball: string): Record<string, unknown[]>;
