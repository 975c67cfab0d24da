#!/usr/bin/env bash
# After a successful move: waits until the strategy is done with the source (a post-copy source serves
# its last page), then removes the containers' remains, network namespace, bundle and images.
set -uo pipefail
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

# (partial) Bytes this host has sent on the interface that routes to the target.
tx_bytes() { cat "/sys/class/net/$(ip -o route get "$1" | awk '{for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1)}')/statistics/tx_bytes"; }

id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; netns=ctr-counter-counter; veth=fcfc000a; images=/var/lib/ferry/migrate/20261122-023000-counter/counter
# (partial) Removes a container and everything made for it on this host. Safe when parts are gone; needs wait.sh.
runc kill "$id" KILL >/dev/null 2>&1 || true
stopped() { ! runc state "$id" 2>/dev/null | grep -q '"status": "running"'; }
wait_for 3 "$id to stop" stopped || true
runc delete -f "$id" >/dev/null 2>&1 || true
if [ -f "$bundle/holder.pid" ]; then pkill -KILL -s "$(cat "$bundle/holder.pid")" 2>/dev/null || true; fi
if [ -e "/run/netns/$netns" ]; then ip netns del "$netns"; fi
ip link del "$veth" >/dev/null 2>&1 || true
rm -rf "$bundle"
rmdir "$(dirname "$bundle")" 2>/dev/null || true

rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null || true
out tx_after "$(tx_bytes 10.20.0.11)"
exit 0
