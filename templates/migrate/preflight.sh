#!/usr/bin/env bash
# Reports what changes on the source between migrations (see partials/host-report.sh); changes nothing
# but making the migration directory. The target reports the same from prepare-target.
set -uo pipefail
umask 077
{{ include "partials/out.sh" }}
ids=({{ ids | qa }})
{{ include "partials/host-report.sh" }}
