#!/usr/bin/env bash
# Ships the checkpoint images and the containers' files to the target. Images already there (pre-copy,
# page server) are updated in place, so only changed blocks cross the link.
set -euo pipefail
{{ include "partials/out.sh" }}
{{ include "partials/peer-rsync.sh" }}
target={{ target_ip | q }}
compress=({{ if compress }}--compress --compress-choice=zstd --compress-level=1{{ end }})
total=0
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; images={{ c.images | q }}
sent=$(peer_rsync "${compress[@]}" --no-whole-file --exclude status.fifo "$images/" "$target:$images/" | rsync_bytes)
files=$(peer_rsync --delete "$bundle/rootfs/" "$target:$bundle/rootfs/" | rsync_bytes)
total=$((total + sent + files))
{{~ end ~}}
out {{ keys.bytes_sent | q }} "$total"
