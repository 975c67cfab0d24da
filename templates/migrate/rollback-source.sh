#!/usr/bin/env bash
# A failed move after the checkpoint: brings the containers back on the source from their images
# (pages fetched back from the target's page server, or served locally by the post-copy dump).
set -euo pipefail
{{> peer-rsync}}
{{#each containers}}
id={{q id}}; bundle={{q bundle}}; images={{q images}}; address={{q address}}; port={{q port}}
runc delete -f "$id" >/dev/null 2>&1 || true
if [ -f "$bundle/holder.pid" ]; then pkill -KILL -s "$(cat "$bundle/holder.pid")" 2>/dev/null || true; fi
{{#if @root.pageServer}}
peer_rsync "root@"{{q @root.targetIp}}":$images/" "$images/" >/dev/null
{{/if}}
pages_from={{q @root.sourceIp}}; page_port={{q pageServerPort}}
{{> container-restore}}
{{> wait-port}}
{{/each}}
echo "ferry-metric resumed_at=$(date +%s.%N)"
