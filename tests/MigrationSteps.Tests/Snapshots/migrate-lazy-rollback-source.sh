#!/usr/bin/env bash
# A failed move after the checkpoint: brings the containers back on the source from their images
# (pages fetched back from the target's page server, or served locally by the post-copy dump).
set -euo pipefail
# (partial) rsync to another host over ssh with the stack's peer key and pinned host keys.
peer_rsync() {
  rsync -a --inplace --stats \
    -e "ssh -i /root/.ssh/ferry_peer -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=5 -o ControlMaster=auto -o ControlPath=/run/ferry-cm-%C -o ControlPersist=60" \
    "$@"
}
# Prints rsync's "Total bytes sent" as a ferry metric.
rsync_bytes() { awk -F': ' '/Total bytes sent/ {gsub(",", "", $2); print $2}'; }
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; address=10.252.0.10; port=8080
runc delete -f "$id" >/dev/null 2>&1 || true
if [ -f "$bundle/holder.pid" ]; then pkill -KILL -s "$(cat "$bundle/holder.pid")" 2>/dev/null || true; fi
pages_from=10.10.0.11; page_port=27100
# (partial) Restores container $id from $images with its TCP connections and waits until runc says
# so. Post-copy: a criu lazy-pages daemon first, fetching pages from $pages_from:$page_port.
cd "$bundle"
# criu's lazy-pages daemon sends its page requests without blocking: when the source is busy pushing
# pages through a slow link and many threads fault at once, a default-sized send buffer fills and the
# daemon gives up (EAGAIN), killing the restore. Start its connections with 4 MiB of buffer.
sysctl -qw net.ipv4.tcp_wmem="4096 4194304 16777216" net.ipv4.tcp_rmem="4096 4194304 16777216"
rm -f "$images/lazy-pages.socket"
setsid criu lazy-pages --page-server --address "$pages_from" --port "$page_port" --images-dir "$images" --work-dir "$images" \
  -o lazy-pages.log </dev/null >/dev/null 2>&1 &
for _ in $(seq 250); do [ -S "$images/lazy-pages.socket" ] && break; sleep 0.02; done
rm -f run.status
setsid sh -c 'sleep infinity | { runc restore -d --tcp-established --lazy-pages --image-path "$2" --work-path "$2" --bundle . "$1"; echo $? > run.status; } 2>&1 | cat >> log' \
  sh "$id" "$images" </dev/null >/dev/null 2>&1 &
echo $! >holder.pid
for _ in $(seq 3000); do [ -s run.status ] && break; sleep 0.02; done
if [ "$(cat run.status 2>/dev/null)" != 0 ]; then
  echo "runc restore of $id on $(hostname) failed:" >&2
  tail -n 8 "$images/restore.log" >&2 2>/dev/null || tail -n 8 log >&2
  exit 1
fi
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
echo "ferry-metric resumed_at=$(date +%s.%N)"
