#!/usr/bin/env bash
# After a successful move: waits until a post-copy source has served every page, then removes the
# containers' remains, network namespace, bundle and images from the source.
set -uo pipefail
{{> tx-bytes}}
{{#each containers}}
id={{q id}}; bundle={{q bundle}}; netns={{q netns}}; veth={{q veth}}; images={{q images}}
{{#if @root.lazy}}
for _ in $(seq 6000); do [ -f "$images/checkpoint.exit" ] && break; sleep 0.1; done
[ -f "$images/checkpoint.exit" ] && echo "ferry-metric lazy_source_done_at=$(date +%s.%N)"
{{/if}}
{{> container-remove}}
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null || true
{{/each}}
echo "ferry-metric tx_after=$(tx_bytes {{q targetIp}})"
exit 0
