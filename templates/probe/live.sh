#!/usr/bin/env bash
# Reports how many requests the running probe has ended so far and how many of them failed.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
requests=0; failed=0
if [ -f {{ work | q }}/live ]; then read -r requests failed <{{ work | q }}/live; fi
out {{ keys.probe_requests | q }} "$requests"
out {{ keys.probe_failed | q }} "$failed"
