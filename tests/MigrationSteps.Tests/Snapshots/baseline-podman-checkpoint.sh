#!/usr/bin/env bash
# Podman baseline, on the source: what a Podman user does to move a container: checkpoint it into an
# archive (zstd, Podman's default) and copy the archive to the target through the VPN. File locks go with
# it, as in ferry's own dumps (a database holds them).
set -euo pipefail
umask 077
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

# (partial) pm …: Podman as these hosts can run it: root, cgroup v1 through cgroupfs (no systemd), vfs
# storage (the host's root is already an overlay), events in a file, and the same runc as ferry's containers.
pm() {
  PODMAN_IGNORE_CGROUPSV1_WARNING=1 podman --storage-driver vfs --cgroup-manager cgroupfs --events-backend file --runtime runc "$@"
}

target=10.10.2.10; archives=/var/lib/ferry/podman/archives
mkdir -p "$archives"
out freeze_start "$EPOCHREALTIME"
pm container checkpoint --tcp-established --file-locks --export "$archives/"counter-counter.tar.zst counter-counter >/dev/null
out checkpoint_end "$EPOCHREALTIME"
out archive_bytes "$(du -cb "$archives"/*.tar.zst | tail -n 1 | cut -f1)"
sent=$(peer_rsync --mkpath "$archives/" "$target:$archives/" | rsync_bytes)
out transfer_end "$EPOCHREALTIME"
out bytes_sent "$sent"
