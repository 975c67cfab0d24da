#!/usr/bin/env bash
# A failed move: removes whatever was made for the containers on the target, so the source stays
# the only copy.
set -uo pipefail
umask 077
{{ include "partials/wait.sh" }}
{{ include "partials/move-guard.sh" }}
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; netns={{ c.netns | q }}; veth={{ c.veth | q }}; images={{ c.images | q }}
pkill -f -- "--images-dir $images" 2>/dev/null
unguard_port {{ c.page_server_port | q }}
{{ include "partials/container-remove.sh" }}
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null || true
{{~ end ~}}
exit 0
