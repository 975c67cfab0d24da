#!/usr/bin/env bash
# Before the freeze: new requests to the application wait in the front's queue instead of reaching a frozen server.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/haproxy-maxconn.sh" }}
{{ include "partials/gate.sh" }}
haproxy_maxconn 1 {{ services | qa }}
out {{ keys.held_at | q }} "$EPOCHREALTIME"
