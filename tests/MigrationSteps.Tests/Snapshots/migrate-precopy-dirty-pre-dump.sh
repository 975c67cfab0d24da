#!/usr/bin/env bash
# Pre-copy while the application keeps running: the strategy dumps its memory, which is shipped with
# the container's files to the target, so the final transfer sends only what changed.
set -euo pipefail
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

# (partial) rsync to another workload over ssh with the stack's peer key and pinned host keys, logged in as the
# inventory's user; rsync runs there under sudo unless that user is root.
peer_rsync() {
  local user rsync_path=rsync
  user=$(cat /root/.ssh/ferry_peer_user)
  [ "$user" = root ] || rsync_path="sudo -n rsync"
  rsync -a --inplace --stats --rsync-path="$rsync_path" \
    -e "ssh -i /root/.ssh/ferry_peer -l $user -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=5 -o ControlMaster=auto -o ControlPath=/run/ferry-cm-%C -o ControlPersist=60" \
    "$@"
}
# Prints rsync's "Total bytes sent" as a ferry metric.
rsync_bytes() { awk -F': ' '/Total bytes sent/ {gsub(",", "", $2); print $2}'; }

# (partial) Bytes this host has sent on the interface that routes to the target.
tx_bytes() { cat "/sys/class/net/$(ip -o route get "$1" | awk '{for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1)}')/statistics/tx_bytes"; }

target=10.20.0.11
out tx_before "$(tx_bytes "$target")"
total=0
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; pre="$images.pre"
rm -rf "$pre"
mkdir -p "$pre"
cd "$bundle"
# (strategy partial) With dirty-memory tracking: a criu pre-dump of $id (it keeps running), shipped as
# the parent of the final dump.
runc checkpoint --pre-dump --image-path "$pre" --work-path "$pre" "$id"
sent=$(peer_rsync "$pre/" "$target:$images.pre/" | rsync_bytes)

files=$(peer_rsync --delete "$bundle/rootfs/" "$target:$bundle/rootfs/" | rsync_bytes)
total=$((total + sent + files))
out bytes_sent "$total"
