#!/usr/bin/env bash
# Points this host's routes for the application's addresses at the target; on the host that checks
# (the front), waits until every container answers through the new route as its clients need it to (its
# health check: the end of the downtime), then lets held requests go.
set -euo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

# (partial) wait_for SECONDS WHAT COMMAND…: runs COMMAND every 20 ms until it succeeds; once SECONDS
# have passed, says what it waited for on stderr and fails.
wait_for() {
  local limit="$1" what="$2"; shift 2
  local deadline=$(( ${EPOCHREALTIME//[.,]/} + limit * 1000000 ))
  until "$@"; do
    if (( ${EPOCHREALTIME//[.,]/} >= deadline )); then
      echo "timed out after ${limit}s waiting for $what" >&2
      return 1
    fi
    sleep 0.02
  done
}

ip route replace 10.252.0.10/32 via 10.20.0.11
