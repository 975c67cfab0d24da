#!/usr/bin/env bash
# Podman baseline, on the target: restore the containers from the copied archives and wait until each
# answers its health check on this host.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
{{ include "partials/podman.sh" }}
archives={{ archives | q }}
out {{ keys.restore_start | q }} "$EPOCHREALTIME"
{{~ for c in containers ~}}
pm container restore --tcp-established --file-locks --import "$archives/"{{ c.container.id | q }}.tar.zst >/dev/null
{{~ end ~}}
out {{ keys.restored_at | q }} "$EPOCHREALTIME"
{{~ for c in containers ~}}
id={{ c.container.id | q }}; address={{ c.container.address | q }}; port={{ c.container.port | q }}
health_http={{ c.container.health_http | q }}; health_send={{ c.container.health_send | q }}; health_expect={{ c.container.health_expect | q }}
{{ include "partials/wait-answer.sh" }}
{{~ end ~}}
out {{ keys.answering_at | q }} "$EPOCHREALTIME"
