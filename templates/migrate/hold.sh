#!/usr/bin/env bash
# Before the freeze: new requests to the application wait in the front's queue instead of reaching a frozen server.
set -euo pipefail
{{> haproxy-maxconn}}
haproxy_maxconn 1 {{qa services}}
echo "ferry-metric held_at=$(date +%s.%N)"
