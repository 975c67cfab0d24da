#!/usr/bin/env bash
# A failed move after the checkpoint: brings the containers back on the source from their images
# (pages fetched back from the target's page server, or served locally by the post-copy dump).
set -euo pipefail
{{> peer-rsync}}
{{#each containers}}
id={{q id}}; bundle={{q bundle}}; images={{q images}}; address={{q address}}; port={{q port}}
runc delete -f "$id" >/dev/null 2>&1 || true
if [ -f "$bundle/holder.pid" ]; then pkill -KILL -s "$(cat "$bundle/holder.pid")" 2>/dev/null || true; fi
cd "$bundle"
{{#if @root.pageServer}}
peer_rsync "root@"{{q @root.targetIp}}":$images/" "$images/" >/dev/null
{{/if}}
{{#if @root.lazy}}
rm -f "$images/lazy-pages.socket"
setsid criu lazy-pages --page-server --address {{q @root.sourceIp}} --port {{q pageServerPort}} --images-dir "$images" --work-dir "$images" \
  -o lazy-pages-rollback.log </dev/null >/dev/null 2>&1 &
for _ in $(seq 250); do [ -S "$images/lazy-pages.socket" ] && break; sleep 0.02; done
{{/if}}
rm -f run.status
setsid sh -c 'sleep infinity | { runc restore -d --tcp-established {{#if @root.lazy}}--lazy-pages{{/if}} --image-path "$2" --work-path "$2" --bundle . "$1"; echo $? > run.status; } 2>&1 | cat >> log' \
  sh "$id" "$images" </dev/null >/dev/null 2>&1 &
echo $! >holder.pid
for _ in $(seq 3000); do [ -s run.status ] && break; sleep 0.02; done
if [ "$(cat run.status 2>/dev/null)" != 0 ]; then
  echo "restoring $id on the source failed:" >&2
  tail -n 8 "$images/restore.log" >&2 2>/dev/null
  exit 1
fi
{{> wait-port}}
{{/each}}
echo "ferry-metric resumed_at=$(date +%s.%N)"
