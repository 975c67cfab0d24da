#!/usr/bin/env bash
# After a successful move: waits until the strategy is done with the source (a post-copy source serves
# its last page), then removes the containers (a post-copy source's frozen tasks with them), network
# namespaces, bundles and images. Fails, naming it, when something could not be removed.
set -uo pipefail
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
{{ include "partials/tx-bytes.sh" }}
{{ include "partials/progress-meter.sh" }}
left=()
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; netns={{ c.netns | q }}; veth={{ c.veth | q }}; images={{ c.images | q }}
{{~ if strategy.source_done ~}}
{{ include strategy.source_done }}
{{~ end ~}}
{{ include "partials/container-remove.sh" }}
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null
runc state "$id" >/dev/null 2>&1 && left+=("container $id")
[ -e "/run/netns/$netns" ] && left+=("network namespace $netns")
[ -e "$bundle" ] && left+=("$bundle")
[ -e "$images" ] && left+=("$images")
{{~ end ~}}
out {{ keys.tx_after | q }} "$(tx_bytes {{ target_ip | q }})"
if [ "${#left[@]}" -gt 0 ]; then
  out {{ keys.left | q }} "${left[*]}"
  echo "could not remove from $(hostname): ${left[*]}" >&2
  exit 1
fi
