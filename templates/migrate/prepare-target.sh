#!/usr/bin/env bash
# Makes room for the containers on the target: bundle, config, network namespace with the same
# address, an empty image directory, and whatever the strategy needs before the dump. Refuses (with
# exits.refused, having changed nothing) when one of the containers already exists here.
set -euo pipefail
target={{ target_ip | q }}
for id in {{ containers | array.map "id" | qa }}; do
  if runc state "$id" >/dev/null 2>&1; then
    echo "container $id already exists on this host; refusing to overwrite it" >&2
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
