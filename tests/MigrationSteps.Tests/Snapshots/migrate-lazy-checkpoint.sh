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
# Post-copy: criu dumps everything but memory, then stays up serving pages to the target's lazy-pages daemon.
# Room for the target's page requests while the page server is busy sending (see container-restore).
sysctl -qw net.ipv4.tcp_wmem="4096 4194304 16777216" net.ipv4.tcp_rmem="4096 4194304 16777216"
rm -f "$images/status.fifo" "$images/checkpoint.exit"
mkfifo "$images/status.fifo"
setsid sh -c 'runc checkpoint --tcp-established --lazy-pages --page-server "$1:$2" --status-fd 3 --image-path "$3" --work-path "$3" "$4" 3>"$3/status.fifo"; echo $? >"$3/checkpoint.exit"' \
  sh 10.10.0.11 27100 "$images" "$id" </dev/null >"$images/checkpoint.out" 2>&1 &
head -c 1 "$images/status.fifo" >/dev/null || true
sleep 0.05
if [ -f "$images/checkpoint.exit" ] && [ "$(cat "$images/checkpoint.exit")" != 0 ]; then
  echo "lazy checkpoint of $id failed:" >&2
  tail -n 5 "$images/checkpoint.out" "$images/dump.log" >&2 2>/dev/null
  exit 1
fi
[ -f "$images/stats-dump" ] && echo "ferry-metric criu_stats_dump.$id=$(base64 -w0 "$images/stats-dump")"
echo "ferry-metric checkpoint_end=$(date +%s.%N)"
