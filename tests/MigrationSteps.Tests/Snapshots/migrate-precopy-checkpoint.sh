#!/usr/bin/env bash
# Freezes and dumps the containers, which stay frozen on the source until the move has succeeded or been
# rolled back. From here until the restore answers, the application is down.
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
# (partial) Freezes container $id through its cgroup freezer (a write, no fork) and cuts its network
# namespace off, before the strategy dumps it with --leave-running: criu puts a frozen cgroup back to
# frozen when it lets go, so the source keeps the application exactly as it was at the freeze until the
# move has succeeded (cleanup-source kills it then) or failed (rollback-source thaws it). A dump that
# fails part-way leaves every container frozen, none killed. criu unlocks the network when it lets go of
# running tasks; the ferry_hold table keeps the frozen copy from acknowledging anything a client sends
# it. Reports what freezing and cutting off cost (µs), which lengthens the freeze. Needs wait.sh and out.sh.
freeze_begun=${EPOCHREALTIME//[.,]/}
state_json=
read -r -d '' state_json <"/run/runc/$id/state.json" || true
if ! [[ $state_json =~ \"freezer\":\"([^\"]+)\" ]]; then
  echo "no freezer cgroup for $id in runc's state; cannot freeze it" >&2
  exit 1
fi
freezer="${BASH_REMATCH[1]}/freezer.state"
echo FROZEN >"$freezer"
frozen() { local state; read -r state <"$freezer"; [ "$state" = FROZEN ]; }
wait_for 3 "the freezer to stop $id" frozen
ip netns exec "$netns" nft -f - <<'NFT'
table inet ferry_hold {
  chain input { type filter hook input priority -300; policy drop; }
  chain output { type filter hook output priority -300; policy drop; }
}
NFT
out freeze_cost_us".$id" "$(( ${EPOCHREALTIME//[.,]/} - freeze_begun ))"

# (strategy partial) Dumps the frozen container $id into $images; it stays frozen (partials/freeze.sh).
runc checkpoint --leave-running --tcp-established --image-path "$images" --work-path "$images" "$id"

out dumped".$id" yes
if [ -f "$images/stats-dump" ]; then out criu_stats_dump".$id" "$(base64 -w0 "$images/stats-dump")"; fi
out checkpoint_end "$EPOCHREALTIME"
