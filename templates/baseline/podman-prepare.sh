#!/usr/bin/env bash
# Podman baseline, on both hosts: the application's image (the same skeleton root file system, app files
# and host /usr and /etc mounts as ferry's container, imported as a local image, as a registry pull would
# leave it) and the container's network namespace with its address. Idempotent.
set -euo pipefail
{{ include "partials/podman.sh" }}
{{~ for c in containers ~}}
id={{ c.container.id | q }}; image={{ c.image | q }}; skeleton={{ c.skeleton | q }}
netns={{ c.container.netns | q }}; veth={{ c.container.veth | q }}; address={{ c.container.address | q }}; gateway={{ c.container.gateway | q }}
if ! pm image exists "$image"; then
  rm -rf "$skeleton"
  mkdir -p "$skeleton"
  (
    cd "$skeleton"
    mkdir -p proc sys dev tmp run usr etc root data var/tmp
    for link in bin:usr/bin lib:usr/lib lib64:usr/lib64 sbin:usr/sbin; do ln -sfn "${link#*:}" "${link%%:*}"; done
    chmod 1777 tmp var/tmp
  )
{{~ for f in c.container.files ~}}
  mkdir -p "$(dirname "$skeleton"{{ f.path | q }})"
  printf '%s' {{ f.content_base64 | q }} | base64 -d >"$skeleton"{{ f.path | q }}
  chmod {{ f.mode | q }} "$skeleton"{{ f.path | q }}
{{~ end ~}}
  tar -C "$skeleton" -cf "$skeleton.tar" .
  pm import -q "$skeleton.tar" "$image" >/dev/null
  rm -rf "$skeleton" "$skeleton.tar"
fi
{{ include "partials/container-net.sh" }}
echo "$id: image $image and namespace $netns ready"
{{~ end ~}}
