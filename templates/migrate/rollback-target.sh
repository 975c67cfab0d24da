#!/usr/bin/env bash
# A failed move: removes whatever was made for the containers on the target, so the source stays
# the only copy.
set -uo pipefail
{{#each containers}}
id={{q id}}; bundle={{q bundle}}; netns={{q netns}}; veth={{q veth}}; images={{q images}}
pkill -f -- "--images-dir $images" 2>/dev/null
{{> container-remove}}
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null || true
{{/each}}
exit 0
