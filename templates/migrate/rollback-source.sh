#!/usr/bin/env bash
# A failed move after the checkpoint: brings the containers back on the source from their images
# (with what the strategy needs first, e.g. pages fetched back from the target's page server).
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
{{ include "partials/peer-rsync.sh" }}
{{ include "partials/move-guard.sh" }}
target={{ target_ip | q }}; pages_from={{ source_ip | q }}
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; images={{ c.images | q }}; address={{ c.address | q }}; port={{ c.port | q }}; page_port={{ c.page_server_port | q }}
runc delete -f "$id" >/dev/null 2>&1 || true
if [ -f "$bundle/holder.pid" ]; then pkill -KILL -s "$(cat "$bundle/holder.pid")" 2>/dev/null || true; fi
{{~ if strategy.rollback_fetch ~}}
{{ include strategy.rollback_fetch }}
{{~ end ~}}
restore_flags=()
{{ include strategy.restore }}
health_http={{ c.health_http | q }}; health_send={{ c.health_send | q }}; health_expect={{ c.health_expect | q }}
{{ include "partials/wait-answer.sh" }}
{{~ end ~}}
out {{ keys.resumed_at | q }} "$EPOCHREALTIME"
{{~ for c in containers ~}}
unguard_port {{ c.page_server_port | q }}
{{~ end ~}}
out {{ keys.sent_to_target | q }} "$(sent_bytes {{ containers[0].page_server_port | q }})"
