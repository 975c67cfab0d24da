#!/usr/bin/env bash
# Makes room for the containers on the target: bundle, config, network namespace with the same
# address, an empty image directory and, for page-server transfers, a criu page server.
set -euo pipefail
{{#each containers}}
id={{q id}}; bundle={{q bundle}}; netns={{q netns}}; veth={{q veth}}; address={{q address}}; gateway={{q gateway}}; images={{q images}}
if runc state "$id" >/dev/null 2>&1; then
  echo "container $id already exists on this host; refusing to overwrite it" >&2
  exit 1
fi
rm -rf "$images"
mkdir -p "$images" "$bundle/rootfs"
printf '%s' {{q configJson}} >"$bundle/config.json"
{{> criu-conf}}
{{> container-net}}
{{#if @root.pageServer}}
criu page-server -d --images-dir "$images" --address {{q @root.targetIp}} --port {{q pageServerPort}} -o "$images/page-server.log"
{{/if}}
{{/each}}
