#!/usr/bin/env bash
# Waits until the strategy is done on the target (a post-copy target fetches its last page and reports
# how that ended), then removes the image directories once nothing reads them, and stops any page server
# left from a failed run.
set -uo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
{{ include "partials/move-guard.sh" }}
{{~ for c in containers ~}}
id={{ c.id | q }}; images={{ c.images | q }}; address={{ c.address | q }}; port={{ c.port | q }}
health_http={{ c.health_http | q }}; health_send={{ c.health_send | q }}; health_expect={{ c.health_expect | q }}
{{~ if strategy.target_done ~}}
{{ include "partials/app-answers.sh" }}
{{ include strategy.target_done }}
{{~ end ~}}
unread() { ! pgrep -f -- "--images-dir $images" >/dev/null; }
wait_for {{ limits.lazy_source_done | q }} "the readers of $images to finish" unread
pkill -f -- "--images-dir $images" 2>/dev/null
unguard_port {{ c.page_server_port | q }}
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null || true
{{~ end ~}}
exit 0
