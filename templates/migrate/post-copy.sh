#!/usr/bin/env bash
# Post-copy's end, on the target: waits until every page of every container has arrived and the
# container answers with all of them (the strategy says how). Until this succeeds the move has not: a
# failure here rolls back to the source, which still holds the application as it was at the freeze.
set -uo pipefail
{{ include "partials/out.sh" }}
pages_from={{ source_ip | q }}
failed=0
{{~ for c in containers ~}}
id={{ c.id | q }}; images={{ c.images | q }}; address={{ c.address | q }}; port={{ c.port | q }}; page_port={{ c.page_server_port | q }}
health_http={{ c.health_http | q }}; health_send={{ c.health_send | q }}; health_expect={{ c.health_expect | q }}
{{ include "partials/app-answers.sh" }}
{{ include strategy.target_done }}
{{~ end ~}}
exit "$failed"
