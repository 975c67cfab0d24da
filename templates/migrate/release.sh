#!/usr/bin/env bash
# Lets held requests through again (after the cut-over, or after a failed migration, to the source).
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/haproxy-maxconn.sh" }}
{{~ for s in services ~}}
haproxy_maxconn {{ s.maxconn | q }} {{ s.name | q }}
{{~ end ~}}
out {{ keys.released_at | q }} "$EPOCHREALTIME"
