#!/usr/bin/env bash
# A failure after the restore: this host's routes for the application's addresses point at the source
# again; the front holds new requests until the source answers (release lets them go).
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/app-route.sh" }}
{{~ if services.size > 0 ~}}
{{ include "partials/haproxy-maxconn.sh" }}
haproxy_maxconn 1 {{ services | qa }}
out {{ keys.held_at | q }} "$EPOCHREALTIME"
{{~ end ~}}
{{~ for r in routes ~}}
app_route {{ r.address | q }} {{ r.via | q }} {{ r.tunnel_flag | q }}
{{~ end ~}}
app_routes_apply
