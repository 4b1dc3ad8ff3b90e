#!/usr/bin/env bash
# can-i-deploy and record-deployment with the official Pact CLI, for a pacticipant (a consumer
# team, or the provider) at a version, to an environment:
#
#   PACT_BROKER_BASE_URL=... PACT_BROKER_TOKEN=... bash scripts/broker.sh can-i-deploy PACTICIPANT VERSION ENVIRONMENT
#   PACT_BROKER_BASE_URL=... PACT_BROKER_TOKEN=... bash scripts/broker.sh record-deployment PACTICIPANT VERSION ENVIRONMENT
#
# Refuses (exit 2) without PACT_BROKER_BASE_URL or a credential: asking "can I deploy?" without
# a broker must not look like a yes. PACT_BROKER_DRY_RUN=1 prints the command instead of running it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PACT_DO_NOT_TRACK="${PACT_DO_NOT_TRACK:-true}"

usage="usage: broker.sh can-i-deploy|record-deployment PACTICIPANT VERSION ENVIRONMENT"
if (( $# != 4 )); then echo "broker.sh: expected 4 arguments, got $#; $usage" >&2; exit 2; fi
action="$1" pacticipant="$2" version="$3" environment="$4"
case "$action" in
  can-i-deploy) cmd=(can-i-deploy --pacticipant "$pacticipant" --version "$version" --to-environment "$environment") ;;
  record-deployment) cmd=(record-deployment --pacticipant "$pacticipant" --version "$version" --environment "$environment") ;;
  *) echo "broker.sh: unknown action \"$action\"; expected can-i-deploy or record-deployment; $usage" >&2; exit 2 ;;
esac
if [[ -z "${PACT_BROKER_BASE_URL:-}" ]]; then
  echo "broker.sh: PACT_BROKER_BASE_URL is not set, so $action cannot ask a broker; set it and PACT_BROKER_TOKEN" >&2
  exit 2
fi
if [[ -z "${PACT_BROKER_TOKEN:-}" && ( -z "${PACT_BROKER_USERNAME:-}" || -z "${PACT_BROKER_PASSWORD:-}" ) ]]; then
  echo "broker.sh: no credential: set PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD" >&2
  exit 2
fi
# The credential stays in the environment, where the CLI reads it (never on the command line).
cmd+=(--broker-base-url "$PACT_BROKER_BASE_URL")
if [[ -n "${PACT_BROKER_DRY_RUN:-}" ]]; then echo "pact-broker ${cmd[*]}"; exit 0; fi
exec node_modules/.bin/pact-broker "${cmd[@]}"
