#!/usr/bin/env bash
# Freezes and dumps the containers. From here until the restore answers, the application is down.
set -euo pipefail
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

source_ip=10.10.0.11; target=10.20.0.11
out tx_before "$(tx_bytes "$target")"
out freeze_start "$EPOCHREALTIME"
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; netns=ctr-counter-counter; page_port=27100
cd "$bundle"
mkdir -p "$images"
# Connections not yet accepted cannot be dumped (criu drops them and their clients would wait forever):
# with new requests held at the front, give the application a moment to accept what is in its listen
# queues and to finish handshakes parked in SYN-RECV by a full queue.
drained() {
  local state queued _
  while read -r state queued _; do
    [ "$state" = SYN-RECV ] && return 1
    [ "$queued" = 0 ] || return 1
  done < <(ip netns exec "$netns" ss -Htan state listening state syn-recv)
}
wait_for 2 "the listen queues of $id to drain" drained || true
# (strategy partial) The final dump of $id: only memory dirtied since the last pre-dump round.
runc checkpoint --tcp-established --parent-path "../$(basename "$images").pre/last" --image-path "$images" --work-path "$images" "$id"

if [ -f "$images/stats-dump" ]; then out criu_stats_dump".$id" "$(base64 -w0 "$images/stats-dump")"; fi
out checkpoint_end "$EPOCHREALTIME"
