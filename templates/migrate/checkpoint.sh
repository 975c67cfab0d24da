#!/usr/bin/env bash
# Freezes and dumps the containers, which stay frozen on the source until the move has succeeded or been
# rolled back. From here until the restore answers, the application is down.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
{{ include "partials/freezer.sh" }}
{{ include "partials/move-guard.sh" }}
{{ include "partials/criu-shield.sh" }}
source_ip={{ source_ip | q }}; target={{ target_ip | q }}; move={{ containers[0].page_server_port | q }}
page_ports=({{ containers | array.map "page_server_port" | qa }})
# A failed dump leaves the source running and nothing to roll back: its rules go now, with what it sent.
on_exit() {
  local status=$?
  if [ "$status" != 0 ]; then
    for p in "${page_ports[@]}"; do unguard_port "$p"; done
    out {{ keys.sent_to_target | q }} "$(sent_bytes "$move")"
  fi
}
{{ include "partials/gate.sh" }}
trap on_exit EXIT
count_sent "$move" "$target"
{{~ if strategy.dump_setup ~}}
{{~ for c in containers ~}}
id={{ c.id | q }}; images={{ c.images | q }}; page_port={{ c.page_server_port | q }}
mkdir -p "$images"
{{ include strategy.dump_setup }}
{{~ end ~}}
{{~ end ~}}
{{~ if containers.size > 1 ~}}
{{ include "partials/side-by-side.sh" }}
{{~ end ~}}
out {{ keys.freeze_start | q }} "$EPOCHREALTIME"
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; images={{ c.images | q }}; netns={{ c.netns | q }}; page_port={{ c.page_server_port | q }}
{{~ if containers.size > 1 ~}}
(
{{~ end ~}}
cd "$bundle"
mkdir -p "$images"
# Connections not yet accepted cannot be dumped: criu drops them, and a client whose request the kernel
# already acknowledged then waits for an answer that never comes. New connections are turned away first
# (the front tries again, see haproxy.cfg), so that none can land in a listen queue after the drain; then
# the application gets a moment to accept what is queued and to finish handshakes parked in SYN-RECV.
# nsenter, not ip netns exec, here and in the freeze: 4-15 ms a call against 12-45 ms (ip also remounts /sys
# for the namespace, which nft and ss have no use for).
nsenter --net="/run/netns/$netns" nft -f - <<'NFT'
table inet ferry_hold {
  chain input { type filter hook input priority -300; policy accept; tcp flags & (syn | ack) == syn drop; }
}
NFT
drained() {
  local state queued _
  while read -r state queued _; do
    [ "$state" = SYN-RECV ] && return 1
    [ "$queued" = 0 ] || return 1
  done < <(nsenter --net="/run/netns/$netns" ss -Htan state listening state syn-recv)
}
wait_for {{ limits.drain | q }} "the listen queues of $id to drain" drained || true
{{ include "partials/freeze.sh" }}
{{ include strategy.dump }}
out {{ keys.dumped | q }}".$id" yes
if [ -f "$images/stats-dump" ]; then out {{ keys.criu_stats_dump | q }}".$id" "$(base64 -w0 "$images/stats-dump")"; fi
{{~ if containers.size > 1 ~}}
) &
side_by_side+=($!)
{{~ end ~}}
{{~ end ~}}
{{~ if containers.size > 1 ~}}
side_by_side_wait
{{~ end ~}}
out {{ keys.checkpoint_end | q }} "$EPOCHREALTIME"
