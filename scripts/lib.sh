# Shared by the scripts in this folder. Sourced, not run.
# pnpm is pinned and fetched from the npm registry by npx: no global pnpm, no corepack.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION=12.4.2
export PACT_DO_NOT_TRACK=true
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1
# tsx (the loader of the docs build and the contract's scripts) keeps a compile cache in the
# temp folder by default; a run of these scripts leaves nothing there.
export TSX_DISABLE_CACHE=1
# npx fetches the pinned pnpm once; later calls run its binary directly. Going through npx each
# time would cost a start-up per call and drop scoped npm_config_ variables (such as
# npm_config_@user-extra:registry, which the release rehearsal hands `changeset publish`).
pnpm() {
  if [ -z "${PNPM_BIN:-}" ]; then
    PNPM_BIN=$(npx --yes -p "pnpm@${PNPM_VERSION}" -c 'command -v pnpm' | tail -n 1)
    [ -x "$PNPM_BIN" ] || { echo "scripts: could not fetch pnpm@${PNPM_VERSION} with npx" >&2; return 1; }
    # turbo runs each task with the `pnpm` it finds on PATH.
    PATH="$(dirname "$PNPM_BIN"):$PATH"
  fi
  "$PNPM_BIN" "$@"
}
cd "$ROOT"
