#!/usr/bin/env bash
# Restores the containers from their images (with their TCP connections) and waits until each answers.
set -euo pipefail
{{#each containers}}
id={{q id}}; bundle={{q bundle}}; images={{q images}}; address={{q address}}; port={{q port}}
pages_from={{q @root.pageSourceIp}}; page_port={{q pageServerPort}}
{{> container-restore}}
{{> wait-port}}
[ -f "$images/stats-restore" ] && echo "ferry-metric criu_stats_restore.$id=$(base64 -w0 "$images/stats-restore")"
{{/each}}
echo "ferry-metric restored_at=$(date +%s.%N)"
