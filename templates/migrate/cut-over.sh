#!/usr/bin/env bash
# Points this host's routes for the application's addresses at the target; on the host that checks
# (the front), waits until every container answers through the new route as its clients need it to (its
# health check: the end of the downtime; the containers' checks side by side), then lets held requests go.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
{{ include "partials/app-route.sh" }}
{{ include "partials/gate.sh" }}
{{~ for r in routes ~}}
app_route {{ r.address | q }} {{ r.via | q }} {{ r.tunnel_flag | q }}
{{~ end ~}}
app_routes_apply
{{~ if checks.size > 1 ~}}
{{ include "partials/side-by-side.sh" }}
{{~ end ~}}
{{~ for c in checks ~}}
id={{ c.id | q }}; address={{ c.address | q }}; port={{ c.port | q }}
health_http={{ c.health_http | q }}; health_send={{ c.health_send | q }}; health_expect={{ c.health_expect | q }}
{{~ if checks.size > 1 ~}}
(
{{ include "partials/wait-answer.sh" }}
) &
side_by_side+=($!)
{{~ else ~}}
{{ include "partials/wait-answer.sh" }}
{{~ end ~}}
{{~ end ~}}
{{~ if checks.size > 1 ~}}
side_by_side_wait
{{~ end ~}}
{{~ if checks.size > 0 ~}}
out {{ keys.answering_at | q }} "$EPOCHREALTIME"
{{~ end ~}}
{{~ if services.size > 0 ~}}
{{ include "partials/haproxy-maxconn.sh" }}
{{~ for s in services ~}}
haproxy_maxconn {{ s.maxconn | q }} {{ s.name | q }}
{{~ end ~}}
out {{ keys.released_at | q }} "$EPOCHREALTIME"
{{~ end ~}}
