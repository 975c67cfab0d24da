#!/usr/bin/env bash
# Reports what the target has free (see partials/host-report.sh), then makes room for the containers:
# bundle, config, network namespace with the same address, an empty image directory, and whatever the
# strategy needs before the dump. Refuses (with exits.refused, having changed nothing) when one of the
# containers already exists here.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
ids=({{ containers | array.map "id" | qa }})
{{ include "partials/host-report.sh" }}
{{ include "partials/move-guard.sh" }}
target={{ target_ip | q }}; source={{ source_ip | q }}
for id in "${ids[@]}"; do
  container_state "$id"
  if [ "$REPLY" != absent ]; then
    echo "container $id already exists on this host ($REPLY); refusing to overwrite it" >&2
    exit {{ exits.refused | q }}
  fi
done
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; netns={{ c.netns | q }}; veth={{ c.veth | q }}; address={{ c.address | q }}; gateway={{ c.gateway | q }}; images={{ c.images | q }}; page_port={{ c.page_server_port | q }}
rm -rf "$images"
mkdir -p "$images" "$bundle/rootfs"
printf '%s' {{ c.config_json | q }} >"$bundle/config.json"
{{ include "partials/criu-conf.sh" }}
{{ include "partials/container-net.sh" }}
{{~ if strategy.prepare_target ~}}
{{ include strategy.prepare_target }}
{{~ end ~}}
{{~ end ~}}
