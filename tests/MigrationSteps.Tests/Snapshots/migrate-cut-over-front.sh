#!/usr/bin/env bash
# Points this host's routes for the application's addresses at the target; on the host that checks,
# waits until every container answers through the new route.
set -euo pipefail
ip route replace 10.252.0.10/32 via 203.0.113.2
id=counter-counter; address=10.252.0.10; port=8080
# (partial) Waits until $address:$port accepts a TCP connection (no request is sent).
if [ -n "$port" ]; then
  answered=no
  for _ in $(seq 1200); do
    if timeout 0.5 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$address" "$port" 2>/dev/null; then answered=yes; break; fi
    sleep 0.02
  done
  if [ "$answered" != yes ]; then
    echo "$id does not answer on $address:$port" >&2
    exit 1
  fi
fi
echo "ferry-metric answering_at=$(date +%s.%N)"
# (partial) Sets the front's maxconn for each service's server: 1 holds new requests in HAProxy's queue.
haproxy_maxconn() {
  local value="$1"; shift
  for service in "$@"; do
    echo "set maxconn server be_$service/app $value" | socat -t 2 stdio unix-connect:/run/haproxy/admin.sock >/dev/null
  done
}
haproxy_maxconn 4096 counter_counter
echo "ferry-metric released_at=$(date +%s.%N)"
