#!/usr/bin/env bash
# Ships the checkpoint images and the containers' files to the target. Images already there (pre-copy,
# page server) are updated in place, so only changed blocks cross the link. Compression, when on, is for
# both: a database's files are mostly zeros.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/peer-rsync.sh" }}
{{ include "partials/tx-bytes.sh" }}
{{ include "partials/progress-meter.sh" }}
target={{ target_ip | q }}
compress=({{ if compress }}--compress --compress-choice=zstd --compress-level=3{{ end }})
total=0
{{ include "partials/gate.sh" }}
progress_meter "$target" transfer </dev/null 2>&1 &
meter=$!
work=$(mktemp -d)
# A failed rsync ends the script: the meter must not outlive it and hold the step's channel open.
trap 'kill "$meter" 2>/dev/null || true; rm -rf "$work"' EXIT
{{~ if containers.size > 1 ~}}
{{ include "partials/side-by-side.sh" }}
{{~ end ~}}
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; images={{ c.images | q }}
{{~ if containers.size > 1 ~}}
(
{{~ end ~}}
# The container's files cross while the images are prepared and sent: the two share the SSH connection,
# and the files' rsync mostly waits on round trips.
files_out="$work/files-$id"
peer_rsync "${compress[@]}" --delete "$bundle/rootfs/" "$target:$bundle/rootfs/" </dev/null >"$files_out" 2>&1 &
files_rsync=$!
{{~ if strategy.transfer ~}}
{{ include strategy.transfer }}
{{~ else ~}}
sent=$(peer_rsync "${compress[@]}" --no-whole-file --exclude status.fifo --exclude dump.log "$images/" "$target:$images/" | rsync_bytes)
{{~ end ~}}
if ! wait "$files_rsync"; then
  echo "rsync of $id's files to $target failed:" >&2
  tail -n 5 "$files_out" >&2
  exit 1
fi
files=$(rsync_bytes <"$files_out")
{{~ if containers.size > 1 ~}}
echo $((sent + files)) >"$work/sum-$id"
) &
side_by_side+=($!)
{{~ else ~}}
total=$((total + sent + files))
{{~ end ~}}
{{~ end ~}}
{{~ if containers.size > 1 ~}}
side_by_side_wait
for sum in "$work"/sum-*; do total=$((total + $(<"$sum"))); done
{{~ end ~}}
kill "$meter" 2>/dev/null || true
out {{ keys.bytes_sent | q }} "$total"
