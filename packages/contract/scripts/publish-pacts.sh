#!/usr/bin/env bash
# Publishes pacts/*.json to a Pact Broker with the official Pact CLI, as version <git commit>
# on branch <git branch> (also given as a tag, for brokers that still select by tag).
# Does nothing (exit 0) unless PACT_BROKER_BASE_URL is set: no broker is reachable in CI here.
#
#   PACT_BROKER_BASE_URL=https://broker.example PACT_BROKER_TOKEN=... pnpm publish:pacts
#
# Overrides for detached checkouts (CI): PACT_CONSUMER_APP_VERSION, PACT_CONSUMER_BRANCH;
# PACTS_DIR names another folder of pacts (default: pacts).
set -euo pipefail
cd "$(dirname "$0")/.."
# No usage telemetry from the Pact tools unless the caller asks for it.
export PACT_DO_NOT_TRACK="${PACT_DO_NOT_TRACK:-true}"

if [[ -z "${PACT_BROKER_BASE_URL:-}" ]]; then
  cat <<'MSG'
publish-pacts: PACT_BROKER_BASE_URL is not set, so nothing was published.
To publish the pacts written by `pnpm contract`, set the broker's URL and a credential:
  PACT_BROKER_BASE_URL=https://<your-broker> PACT_BROKER_TOKEN=<token> pnpm publish:pacts
(or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD for a broker behind basic auth).
MSG
  exit 0
fi

if [[ -z "${PACT_BROKER_TOKEN:-}" && ( -z "${PACT_BROKER_USERNAME:-}" || -z "${PACT_BROKER_PASSWORD:-}" ) ]]; then
  echo "publish-pacts: PACT_BROKER_BASE_URL is set but no credential is: set PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD" >&2
  exit 1
fi

shopt -s nullglob
pacts_dir="${PACTS_DIR:-pacts}"
pacts=("$pacts_dir"/*.json)
if (( ${#pacts[@]} == 0 )); then
  echo "publish-pacts: no pact in $pacts_dir; run \`pnpm contract\` first" >&2
  exit 1
fi

version="${PACT_CONSUMER_APP_VERSION:-$(git rev-parse HEAD)}"
branch="${PACT_CONSUMER_BRANCH:-$(git rev-parse --abbrev-ref HEAD)}"
if [[ "$branch" == "HEAD" ]]; then
  echo "publish-pacts: the checkout is detached, so the branch is unknown; set PACT_CONSUMER_BRANCH" >&2
  exit 1
fi

echo "publish-pacts: publishing ${pacts[*]} as version $version on branch $branch to $PACT_BROKER_BASE_URL"
# The credential stays in the environment (PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and
# PACT_BROKER_PASSWORD), where the CLI reads it as it would --broker-token: on the command line
# it would show in the process list and in any echo of the command.
exec node_modules/.bin/pact-broker publish "$pacts_dir" \
  --consumer-app-version "$version" \
  --branch "$branch" \
  --tag "$branch" \
  --broker-base-url "$PACT_BROKER_BASE_URL"
