#!/usr/bin/env bash
# Podman baseline, on both hosts: the application's image (the same skeleton root file system, app files
# and host /usr and /etc mounts as ferry's container, imported as a local image, as a registry pull would
# leave it) and the container's network namespace with its address. Idempotent.
# A checkpoint restores only onto the very image it was taken from (same ID, as a registry pull gives every
# host), so the first host builds the image and pushes it to its peers, which load it.
set -euo pipefail
umask 077
{{ include "partials/podman.sh" }}
{{ include "partials/peer-rsync.sh" }}
archives={{ archives | q }}
mkdir -p "$archives"
{{~ for c in containers ~}}
id={{ c.container.id | q }}; image={{ c.image | q }}; skeleton={{ c.skeleton | q }}
netns={{ c.container.netns | q }}; veth={{ c.container.veth | q }}; address={{ c.container.address | q }}; gateway={{ c.container.gateway | q }}
saved="$archives/$id.image.tar"
{{~ if load ~}}
pm rmi -f "$image" >/dev/null 2>&1 || true
pm load -q -i "$saved" >/dev/null
rm -f "$saved"
{{~ else ~}}
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
{{~ if peers.size > 0 ~}}
pm save -q -o "$saved" "$image"
{{~ for p in peers ~}}
peer_rsync --mkpath "$saved" {{ p | q }}:"$archives/" >/dev/null
{{~ end ~}}
rm -f "$saved"
{{~ end ~}}
{{~ end ~}}
{{ include "partials/container-net.sh" }}
echo "$id: image $image and namespace $netns ready"
{{~ end ~}}
