#!/usr/bin/env bash
# Creates an application's containers on this host: root file system (the host's /usr and /etc
# mounted read-only, its own writable rest), files, network namespace and address; starts each and
# waits until it answers. A container already running is left alone.
set -euo pipefail
umask 077
{{ include "partials/wait.sh" }}
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; netns={{ c.netns | q }}; veth={{ c.veth | q }}; address={{ c.address | q }}; gateway={{ c.gateway | q }}; port={{ c.port | q }}
if runc state "$id" 2>/dev/null | grep -q '"status": "running"'; then
  echo "$id is already running"
else
  runc delete -f "$id" >/dev/null 2>&1 || true
  mkdir -p "$bundle/rootfs"
  (
    cd "$bundle/rootfs"
    mkdir -p proc sys dev tmp run usr etc root data var/tmp
    for link in bin:usr/bin lib:usr/lib lib64:usr/lib64 sbin:usr/sbin; do ln -sfn "${link#*:}" "${link%%:*}"; done
    chmod 1777 tmp var/tmp
  )
{{~ for f in c.files ~}}
  mkdir -p "$(dirname "$bundle/rootfs"{{ f.path | q }})"
  printf '%s' {{ f.content_base64 | q }} | base64 -d >"$bundle/rootfs"{{ f.path | q }}
  chmod {{ f.mode | q }} "$bundle/rootfs"{{ f.path | q }}
{{~ end ~}}
  printf '%s' {{ c.config_json | q }} >"$bundle/config.json"
{{ include "partials/criu-conf.sh" }}
{{ include "partials/container-net.sh" }}
{{ include "partials/container-start.sh" }}
fi
health_http={{ c.health_http | q }}; health_send={{ c.health_send | q }}; health_expect={{ c.health_expect | q }}
{{ include "partials/wait-answer.sh" }}
echo "$id running at $address"
{{~ end ~}}
