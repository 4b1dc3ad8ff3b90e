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
pnpm() { npx --yes "pnpm@${PNPM_VERSION}" "$@"; }
cd "$ROOT"
