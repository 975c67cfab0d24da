#!/usr/bin/env bash
# Pre-copy while the application keeps running: dump its memory and ship it with its files to the
# target. With dirty-memory tracking this is a criu pre-dump; without it (kernels lacking soft-dirty),
# a full dump that leaves the process running, so the final dump only sends the changed blocks.
set -euo pipefail
{{> peer-rsync}}
{{> tx-bytes}}
target={{q targetIp}}
echo "ferry-metric tx_before=$(tx_bytes "$target")"
total=0
{{#each containers}}
id={{q id}}; bundle={{q bundle}}; images={{q images}}; pre="$images.pre"
rm -rf "$pre"
mkdir -p "$pre"
cd "$bundle"
{{#if @root.dirtyTracking}}
runc checkpoint --pre-dump --image-path "$pre" --work-path "$pre" "$id"
sent=$(peer_rsync "$pre/" "root@$target:$images.pre/" | rsync_bytes)
{{else}}
runc checkpoint --leave-running --tcp-established --image-path "$pre" --work-path "$pre" "$id"
sent=$(peer_rsync "$pre/" "root@$target:$images/" | rsync_bytes)
{{/if}}
files=$(peer_rsync --delete "$bundle/rootfs/" "root@$target:$bundle/rootfs/" | rsync_bytes)
total=$((total + sent + files))
{{/each}}
echo "ferry-metric bytes_sent=$total"
