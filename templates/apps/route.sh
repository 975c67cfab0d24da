#!/usr/bin/env bash
# Points this host's route for application addresses at the host that runs them now.
set -euo pipefail
umask 077
{{~ for r in routes ~}}
ip route replace {{ r.address | q }}/32 via {{ r.via | q }}
{{~ end ~}}
