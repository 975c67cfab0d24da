#!/usr/bin/env bash
# Restores the containers from their images (with their TCP connections) and waits until each answers.
set -euo pipefail
{{#each containers}}
id={{q id}}; bundle={{q bundle}}; images={{q images}}; address={{q address}}; port={{q port}}
cd "$bundle"
{{#if @root.lazy}}
rm -f "$images/lazy-pages.socket"
setsid criu lazy-pages --page-server --address {{q @root.pageSourceIp}} --port {{q pageServerPort}} --images-dir "$images" --work-dir "$images" \
  -o lazy-pages.log </dev/null >/dev/null 2>&1 &
for _ in $(seq 250); do [ -S "$images/lazy-pages.socket" ] && break; sleep 0.02; done
{{/if}}
rm -f run.status
setsid sh -c 'sleep infinity | { runc restore -d --tcp-established {{#if @root.lazy}}--lazy-pages{{/if}} --image-path "$2" --work-path "$2" --bundle . "$1"; echo $? > run.status; } 2>&1 | cat >> log' \
  sh "$id" "$images" </dev/null >/dev/null 2>&1 &
echo $! >holder.pid
for _ in $(seq 3000); do [ -s run.status ] && break; sleep 0.02; done
if [ "$(cat run.status 2>/dev/null)" != 0 ]; then
  echo "runc restore of $id failed:" >&2
  tail -n 8 "$images/restore.log" >&2 2>/dev/null || tail -n 8 log >&2
  exit 1
fi
{{> wait-port}}
[ -f "$images/stats-restore" ] && echo "ferry-metric criu_stats_restore.$id=$(base64 -w0 "$images/stats-restore")"
{{/each}}
echo "ferry-metric restored_at=$(date +%s.%N)"
