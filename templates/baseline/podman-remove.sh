#!/usr/bin/env bash
# Podman baseline: removes the containers and the archives from this host; with everything set, also
# their images and network namespaces. Safe when parts are gone.
set -uo pipefail
{{ include "partials/podman.sh" }}
{{~ for c in containers ~}}
pm rm -f {{ c.container.id | q }} >/dev/null 2>&1 || true
{{~ if everything ~}}
pm rmi -f {{ c.image | q }} >/dev/null 2>&1 || true
netns={{ c.container.netns | q }}
if [ -e "/run/netns/$netns" ]; then ip netns del "$netns"; fi
ip link del {{ c.container.veth | q }} >/dev/null 2>&1 || true
{{~ end ~}}
{{~ end ~}}
rm -rf {{ archives | q }}
exit 0
