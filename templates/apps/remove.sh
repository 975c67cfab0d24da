#!/usr/bin/env bash
# Removes an application's containers from this host.
set -uo pipefail
umask 077
{{ include "partials/wait.sh" }}
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; netns={{ c.netns | q }}; veth={{ c.veth | q }}
{{ include "partials/container-remove.sh" }}
{{~ end ~}}
exit 0
