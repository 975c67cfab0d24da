#!/usr/bin/env bash
# Points this host's routes for the application's addresses at the target; on the host that checks,
# waits until every container answers through the new route.
set -euo pipefail
ip route replace 10.252.0.10/32 via 10.20.0.11
