#!/usr/bin/env bash
# Points this host's route for application addresses at the host that runs them now.
set -euo pipefail
umask 077
{{ include "partials/app-route.sh" }}
{{~ for r in routes ~}}
app_route {{ r.address | q }} {{ r.via | q }} {{ r.tunnel_flag | q }}
{{~ end ~}}
app_routes_apply
