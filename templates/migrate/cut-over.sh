#!/usr/bin/env bash
# Points this host's routes for the application's addresses at the target; on the host that checks,
# waits until every container answers through the new route.
set -euo pipefail
{{#each routes}}
ip route replace {{q address}}/32 via {{q via}}
{{/each}}
{{#if check}}
{{#each containers}}
id={{q id}}; address={{q address}}; port={{q port}}
{{> wait-port}}
{{/each}}
echo "ferry-metric answering_at=$(date +%s.%N)"
{{#if services}}
{{> haproxy-maxconn}}
haproxy_maxconn {{q maxconn}} {{qa services}}
echo "ferry-metric released_at=$(date +%s.%N)"
{{/if}}
{{/if}}
