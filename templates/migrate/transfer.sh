#!/usr/bin/env bash
# Ships the checkpoint images and the containers' files to the target. Images already there (pre-copy,
# page server) are updated in place, so only changed blocks cross the link.
set -euo pipefail
{{> peer-rsync}}
target={{q targetIp}}
total=0
{{#each containers}}
id={{q id}}; bundle={{q bundle}}; images={{q images}}
sent=$(peer_rsync {{#if @root.compress}}--compress --compress-choice=zstd --compress-level=1{{/if}} --no-whole-file --exclude status.fifo "$images/" "root@$target:$images/" | rsync_bytes)
files=$(peer_rsync --delete "$bundle/rootfs/" "root@$target:$bundle/rootfs/" | rsync_bytes)
total=$((total + sent + files))
{{/each}}
echo "ferry-metric bytes_sent=$total"
