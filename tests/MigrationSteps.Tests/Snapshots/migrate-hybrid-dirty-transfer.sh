#!/usr/bin/env bash
# Ships the checkpoint images and the containers' files to the target. Images already there (pre-copy,
# page server) are updated in place, so only changed blocks cross the link.
set -euo pipefail
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

# (partial) rsync to another host over ssh with the stack's peer key and pinned host keys.
peer_rsync() {
  rsync -a --inplace --stats \
    -e "ssh -i /root/.ssh/ferry_peer -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=5 -o ControlMaster=auto -o ControlPath=/run/ferry-cm-%C -o ControlPersist=60" \
    "$@"
}
# Prints rsync's "Total bytes sent" as a ferry metric.
rsync_bytes() { awk -F': ' '/Total bytes sent/ {gsub(",", "", $2); print $2}'; }

target=10.20.0.11
compress=()
total=0
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter
sent=$(peer_rsync "${compress[@]}" --no-whole-file --exclude status.fifo "$images/" "root@$target:$images/" | rsync_bytes)
files=$(peer_rsync --delete "$bundle/rootfs/" "root@$target:$bundle/rootfs/" | rsync_bytes)
total=$((total + sent + files))
out bytes_sent "$total"
