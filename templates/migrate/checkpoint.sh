#!/usr/bin/env bash
# Freezes and dumps the containers, which stay frozen on the source until the move has succeeded or been
# rolled back. From here until the restore answers, the application is down.
set -euo pipefail
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
{{ include "partials/tx-bytes.sh" }}
source_ip={{ source_ip | q }}; target={{ target_ip | q }}
out {{ keys.tx_before | q }} "$(tx_bytes "$target")"
out {{ keys.freeze_start | q }} "$EPOCHREALTIME"
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; images={{ c.images | q }}; netns={{ c.netns | q }}; page_port={{ c.page_server_port | q }}
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
wait_for {{ limits.drain | q }} "the listen queues of $id to drain" drained || true
{{ include "partials/freeze.sh" }}
{{ include strategy.dump }}
out {{ keys.dumped | q }}".$id" yes
if [ -f "$images/stats-dump" ]; then out {{ keys.criu_stats_dump | q }}".$id" "$(base64 -w0 "$images/stats-dump")"; fi
{{~ end ~}}
out {{ keys.checkpoint_end | q }} "$EPOCHREALTIME"
