#!/usr/bin/env bash
# Podman baseline: starts the application's containers under Podman in their pre-made network namespaces
# and waits until each answers its health check.
set -euo pipefail
{{ include "partials/wait.sh" }}
{{ include "partials/podman.sh" }}
{{~ for c in containers ~}}
id={{ c.container.id | q }}; image={{ c.image | q }}; address={{ c.container.address | q }}; port={{ c.container.port | q }}
health_http={{ c.container.health_http | q }}; health_send={{ c.container.health_send | q }}; health_expect={{ c.container.health_expect | q }}
pm rm -f "$id" >/dev/null 2>&1 || true
pm run -d --name "$id" --network "ns:/run/netns/"{{ c.container.netns | q }} --memory {{ c.memory_bytes | q }} \
  --cgroup-parent {{ c.cgroup_parent | q }} -v /usr:/usr:ro -v /etc:/etc:ro \
  {{ c.environment | qa }} "$image" {{ c.command | qa }} >/dev/null
{{ include "partials/wait-answer.sh" }}
echo "$id running under podman at $address"
{{~ end ~}}
