#!/usr/bin/env bash
# ferry smoke: pushes a file of random bytes from this workload to a workload in the other site the way a
# migration's transfer does (rsync over ssh with the peer key, pinned host keys, through the tunnel), then
# compares its SHA-256 there with the sender's. Removes the file on both sides.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/peer-rsync.sh" }}
target={{ target_ip | q }}; dir=/var/lib/ferry/smoke
mkdir -p "$dir"
user=$(cat /root/.ssh/ferry_peer_user)
sudo=""; [ "$user" = root ] || sudo="sudo -n"
# -n: this script itself may arrive on standard input, which ssh would otherwise read.
far() {
  ssh -n -i /root/.ssh/ferry_peer -l "$user" -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=5 "$target" "$@"
}
trap 'rm -rf "$dir"; far $sudo rm -rf "$dir" 2>/dev/null || true' EXIT
head -c {{ bytes | q }} /dev/urandom >"$dir/payload"
begun=$EPOCHREALTIME
sent=$(peer_rsync --mkpath "$dir/payload" "$target:$dir/payload" | rsync_bytes)
ended=$EPOCHREALTIME
here=$(sha256sum "$dir/payload" | cut -d' ' -f1)
there=$(far $sudo sha256sum "$dir/payload" | cut -d' ' -f1)
out {{ keys.cross_site_bytes | q }} "$sent"
out {{ keys.cross_site_seconds | q }} "$(awk -v a="$begun" -v b="$ended" 'BEGIN { printf "%.3f", b - a }')"
if [ "$here" = "$there" ]; then out {{ keys.cross_site_checksum | q }} same; else out {{ keys.cross_site_checksum | q }} differs; fi
