#!/usr/bin/env bash
# Lets held requests through again (after the cut-over, or after a failed migration, to the source).
set -euo pipefail
{{> haproxy-maxconn}}
haproxy_maxconn {{q maxconn}} {{qa services}}
echo "ferry-metric released_at=$(date +%s.%N)"
