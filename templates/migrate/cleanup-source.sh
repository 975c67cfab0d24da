#!/usr/bin/env bash
# After a successful move: waits until the strategy is done with the source (a post-copy source serves
# its last page), then removes the containers' remains, network namespace, bundle and images.
set -uo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
{{ include "partials/move-guard.sh" }}
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; netns={{ c.netns | q }}; veth={{ c.veth | q }}; images={{ c.images | q }}
{{~ if strategy.source_done ~}}
{{ include strategy.source_done }}
{{~ end ~}}
unguard_port {{ c.page_server_port | q }}
{{ include "partials/container-remove.sh" }}
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null || true
{{~ end ~}}
out {{ keys.sent_to_target | q }} "$(sent_bytes {{ containers[0].page_server_port | q }})"
exit 0
