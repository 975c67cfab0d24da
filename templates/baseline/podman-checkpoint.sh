#!/usr/bin/env bash
# Podman baseline, on the source: what a Podman user does to move a container: checkpoint it into an
# archive (zstd, Podman's default) and copy the archive to the target through the VPN. File locks go with
# it, as in ferry's own dumps (a database holds them).
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/peer-rsync.sh" }}
{{ include "partials/podman.sh" }}
target={{ target_ip | q }}; archives={{ archives | q }}
mkdir -p "$archives"
out {{ keys.freeze_start | q }} "$EPOCHREALTIME"
{{~ for c in containers ~}}
pm container checkpoint --tcp-established --file-locks --export "$archives/"{{ c.container.id | q }}.tar.zst {{ c.container.id | q }} >/dev/null
{{~ end ~}}
out {{ keys.checkpoint_end | q }} "$EPOCHREALTIME"
out {{ keys.archive_bytes | q }} "$(du -cb "$archives"/*.tar.zst | tail -n 1 | cut -f1)"
sent=$(peer_rsync --mkpath "$archives/" "$target:$archives/" | rsync_bytes)
out {{ keys.transfer_end | q }} "$EPOCHREALTIME"
out {{ keys.bytes_sent | q }} "$sent"
