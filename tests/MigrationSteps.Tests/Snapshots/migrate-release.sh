#!/usr/bin/env bash
# Lets held requests through again (after the cut-over, or after a failed migration, to the source).
set -euo pipefail
# (partial) Sets the front's maxconn for each service's server: 1 holds new requests in HAProxy's queue.
haproxy_maxconn() {
  local value="$1"; shift
  for service in "$@"; do
    echo "set maxconn server be_$service/app $value" | socat -t 2 stdio unix-connect:/run/haproxy/admin.sock >/dev/null
  done
}
haproxy_maxconn 4096 counter_counter
echo "ferry-metric released_at=$(date +%s.%N)"
