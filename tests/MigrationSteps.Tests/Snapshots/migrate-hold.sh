#!/usr/bin/env bash
# Before the freeze: new requests to the application wait in the front's queue instead of reaching a frozen server.
set -euo pipefail
# (partial) Sets the front's maxconn for each service's server: 1 holds new requests in HAProxy's queue.
haproxy_maxconn() {
  local value="$1"; shift
  for service in "$@"; do
    echo "set maxconn server be_$service/app $value" | socat -t 2 stdio unix-connect:/run/haproxy/admin.sock >/dev/null
  done
}
haproxy_maxconn 1 counter_counter
echo "ferry-metric held_at=$(date +%s.%N)"
