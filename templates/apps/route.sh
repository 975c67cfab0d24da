#!/usr/bin/env bash
# Points this host's route for application addresses at the host that runs them now.
set -euo pipefail
{{#each routes}}
ip route replace {{q address}}/32 via {{q via}}
{{/each}}
