#!/usr/bin/env bash
# Pre-copy while the application keeps running: the strategy dumps its memory, which is shipped with
# the container's files to the target, so the final transfer sends only what changed.
set -euo pipefail
{{ include "partials/out.sh" }}
{{ include "partials/peer-rsync.sh" }}
{{ include "partials/tx-bytes.sh" }}
target={{ target_ip | q }}
out {{ keys.tx_before | q }} "$(tx_bytes "$target")"
total=0
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; images={{ c.images | q }}; pre="$images.pre"
rm -rf "$pre"
mkdir -p "$pre"
cd "$bundle"
{{ include strategy.pre_dump }}
files=$(peer_rsync --delete "$bundle/rootfs/" "$target:$bundle/rootfs/" | rsync_bytes)
total=$((total + sent + files))
{{~ end ~}}
out {{ keys.bytes_sent | q }} "$total"
