#!/usr/bin/env bash
# Restores the containers from their images (with their TCP connections) and waits until each answers.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
{{ include "partials/freezer.sh" }}
pages_from={{ page_source_ip | q }}
{{~ if containers.size > 1 ~}}
{{ include "partials/restore-lock.sh" }}
{{ include "partials/side-by-side.sh" }}
{{~ end ~}}
{{ include "partials/gate.sh" }}
{{~ if containers.size > 1 ~}}
restore_lock {{ containers | array.map "address" | qa }}
{{~ end ~}}
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; images={{ c.images | q }}; address={{ c.address | q }}; port={{ c.port | q }}; page_port={{ c.page_server_port | q }}
{{~ if containers.size > 1 ~}}
(
{{~ end ~}}
restore_flags=()
{{ include strategy.restore }}
# Here an accepted connection is enough (the application's own answer is the front's to wait for, through
# the new route): no health check declared for app_answers.
health_http=; health_send=; health_expect=
{{ include "partials/wait-answer.sh" }}
if [ -f "$images/stats-restore" ]; then out {{ keys.criu_stats_restore | q }}".$id" "$(base64 -w0 "$images/stats-restore")"; fi
{{~ if containers.size > 1 ~}}
) &
side_by_side+=($!)
{{~ end ~}}
{{~ end ~}}
{{~ if containers.size > 1 ~}}
side_by_side_wait
restore_unlock
{{~ end ~}}
out {{ keys.restored_at | q }} "$EPOCHREALTIME"
