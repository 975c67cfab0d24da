#!/usr/bin/env bash
# Freezes and dumps the containers. From here until the restore answers, the application is down.
set -euo pipefail
{{> tx-bytes}}
echo "ferry-metric tx_before=$(tx_bytes {{q targetIp}})"
echo "ferry-metric freeze_start=$(date +%s.%N)"
{{#each containers}}
id={{q id}}; bundle={{q bundle}}; images={{q images}}; netns={{q netns}}
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
{{#if @root.lazy}}
# Post-copy: criu dumps everything but memory, then stays up serving pages to the target's lazy-pages daemon.
# Room for the target's page requests while the page server is busy sending (see container-restore).
sysctl -qw net.ipv4.tcp_wmem="4096 4194304 16777216" net.ipv4.tcp_rmem="4096 4194304 16777216"
rm -f "$images/status.fifo" "$images/checkpoint.exit"
mkfifo "$images/status.fifo"
setsid sh -c 'runc checkpoint --tcp-established --lazy-pages --page-server "$1:$2" --status-fd 3 --image-path "$3" --work-path "$3" "$4" 3>"$3/status.fifo"; echo $? >"$3/checkpoint.exit"' \
  sh {{q @root.sourceIp}} {{q pageServerPort}} "$images" "$id" </dev/null >"$images/checkpoint.out" 2>&1 &
head -c 1 "$images/status.fifo" >/dev/null || true
sleep 0.05
if [ -f "$images/checkpoint.exit" ] && [ "$(cat "$images/checkpoint.exit")" != 0 ]; then
  echo "lazy checkpoint of $id failed:" >&2
  tail -n 5 "$images/checkpoint.out" "$images/dump.log" >&2 2>/dev/null
  exit 1
fi
{{else}}
{{#if @root.pageServer}}
runc checkpoint --tcp-established --page-server {{q @root.targetIp}}:{{q pageServerPort}} --image-path "$images" --work-path "$images" "$id"
{{else}}
{{#if @root.dirtyTracking}}
runc checkpoint --tcp-established --parent-path "../$(basename "$images").pre" --image-path "$images" --work-path "$images" "$id"
{{else}}
runc checkpoint --tcp-established --image-path "$images" --work-path "$images" "$id"
{{/if}}
{{/if}}
{{/if}}
[ -f "$images/stats-dump" ] && echo "ferry-metric criu_stats_dump.$id=$(base64 -w0 "$images/stats-dump")"
{{/each}}
echo "ferry-metric checkpoint_end=$(date +%s.%N)"
