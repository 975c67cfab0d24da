#!/usr/bin/env bash
# Freezes and dumps the containers. From here until the restore answers, the application is down.
set -euo pipefail
# (partial) Bytes this host has sent on the interface that routes to the target.
tx_bytes() { cat "/sys/class/net/$(ip -o route get "$1" | awk '{for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1)}')/statistics/tx_bytes"; }
echo "ferry-metric tx_before=$(tx_bytes 10.20.0.11)"
echo "ferry-metric freeze_start=$(date +%s.%N)"
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; netns=ctr-counter-counter
cd "$bundle"
mkdir -p "$images"
# Connections not yet accepted cannot be dumped (criu drops them and their clients would wait forever):
# with new requests held at the front, give the application a moment (at most 2 s) to accept what is
# in its listen queues and to finish handshakes parked in SYN-RECV by a full queue.
for _ in $(seq 200); do
  queued=$(ip netns exec "$netns" ss -Hltn | awk '{queued += $2} END {print queued + 0}')
  half=$(ip netns exec "$netns" ss -Htn state syn-recv | wc -l)
  [ "$queued" = 0 ] && [ "$half" = 0 ] && break
  sleep 0.01
done
runc checkpoint --tcp-established --image-path "$images" --work-path "$images" "$id"
[ -f "$images/stats-dump" ] && echo "ferry-metric criu_stats_dump.$id=$(base64 -w0 "$images/stats-dump")"
echo "ferry-metric checkpoint_end=$(date +%s.%N)"
