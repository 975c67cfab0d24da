#!/usr/bin/env bash
# Pre-copy while the application keeps running: dump its memory and ship it with its files to the
# target. With dirty-memory tracking this is a criu pre-dump; without it (kernels lacking soft-dirty),
# a full dump that leaves the process running, so the final dump only sends the changed blocks.
set -euo pipefail
# (partial) rsync to another host over ssh with the stack's peer key and pinned host keys.
peer_rsync() {
  rsync -a --inplace --stats \
    -e "ssh -i /root/.ssh/ferry_peer -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=5 -o ControlMaster=auto -o ControlPath=/run/ferry-cm-%C -o ControlPersist=60" \
    "$@"
}
# Prints rsync's "Total bytes sent" as a ferry metric.
rsync_bytes() { awk -F': ' '/Total bytes sent/ {gsub(",", "", $2); print $2}'; }
# (partial) Bytes this host has sent on the interface that routes to the target.
tx_bytes() { cat "/sys/class/net/$(ip -o route get "$1" | awk '{for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1)}')/statistics/tx_bytes"; }
target=10.20.0.11
echo "ferry-metric tx_before=$(tx_bytes "$target")"
total=0
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; pre="$images.pre"
rm -rf "$pre"
mkdir -p "$pre"
cd "$bundle"
runc checkpoint --leave-running --tcp-established --image-path "$pre" --work-path "$pre" "$id"
sent=$(peer_rsync "$pre/" "root@$target:$images/" | rsync_bytes)
files=$(peer_rsync --delete "$bundle/rootfs/" "root@$target:$bundle/rootfs/" | rsync_bytes)
total=$((total + sent + files))
echo "ferry-metric bytes_sent=$total"
