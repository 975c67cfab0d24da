#!/usr/bin/env bash
# Creates an application's containers on this host: root file system (the host's /usr and /etc
# mounted read-only, its own writable rest), files, network namespace and address; starts each and
# waits until it answers. A container already running is left alone.
set -euo pipefail
{{#each containers}}
id={{q id}}; bundle={{q bundle}}; netns={{q netns}}; veth={{q veth}}; address={{q address}}; gateway={{q gateway}}; port={{q port}}
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
{{#each files}}
  mkdir -p "$(dirname "$bundle/rootfs"{{q path}})"
  printf '%s' {{q contentBase64}} | base64 -d >"$bundle/rootfs"{{q path}}
  chmod {{q mode}} "$bundle/rootfs"{{q path}}
{{/each}}
  printf '%s' {{q configJson}} >"$bundle/config.json"
{{> criu-conf}}
{{> container-net}}
{{> container-start}}
fi
{{> wait-port}}
echo "$id running at $address"
{{/each}}
