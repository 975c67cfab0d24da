#!/usr/bin/env bash
# Pre-copy while the application keeps running: the strategy dumps its memory, which is shipped with
# the container's files to the target, so the final transfer sends only what changed.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/peer-rsync.sh" }}
{{ include "partials/move-guard.sh" }}
{{ include "partials/criu-shield.sh" }}
{{ include "partials/tx-bytes.sh" }}
{{ include "partials/progress-meter.sh" }}
target={{ target_ip | q }}; move={{ containers[0].page_server_port | q }}
progress_meter "$target" pre-copy </dev/null 2>&1 &
meter=$!
# The meter must not outlive the script, or it holds the step's channel open.
on_exit() {
  local status=$?
  kill "$meter" 2>/dev/null || true
  if [ "$status" != 0 ]; then out {{ keys.sent_to_target | q }} "$(sent_bytes "$move")"; fi
}
trap on_exit EXIT
count_sent "$move" "$target"
total=0
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; images={{ c.images | q }}; pre="$images.pre"
rm -rf "$pre"
mkdir -p "$pre"
cd "$bundle"
{{ include strategy.pre_dump }}
# The application runs: a file it removes meanwhile (a database's temporary table) vanishes under rsync
# (exit 24), which is no failure here; the transfer, frozen, sends the files as they are then.
files=$( { peer_rsync --delete "$bundle/rootfs/" "$target:$bundle/rootfs/" || [ $? = 24 ]; } | rsync_bytes)
total=$((total + sent + files))
{{~ end ~}}
kill "$meter" 2>/dev/null || true
out {{ keys.bytes_sent | q }} "$total"
