#!/usr/bin/env bash
# Post-copy's end, on the target: waits until every page of every container has arrived and the
# container answers with all of them (the strategy says how it waits for its lazy-pages daemon; its exit
# status and the health check decide). Until this succeeds the move has not: a
# failure here rolls back to the source, which still holds the application as it was at the freeze.
set -uo pipefail
umask 077
{{ include "partials/out.sh" }}
pages_from={{ source_ip | q }}
failed=0
{{~ for c in containers ~}}
id={{ c.id | q }}; images={{ c.images | q }}; address={{ c.address | q }}; port={{ c.port | q }}; page_port={{ c.page_server_port | q }}
health_http={{ c.health_http | q }}; health_send={{ c.health_send | q }}; health_expect={{ c.health_expect | q }}
{{ include "partials/app-answers.sh" }}
# The wrapper's pid, not criu's command line, says whether the daemon is gone: criu exits a moment before
# its wrapper writes the exit status.
target_done() { [ -s "$images/lazy-pages.exit" ] || ! kill -0 "$(cat "$images/lazy-pages.pid" 2>/dev/null)" 2>/dev/null; }
{{ include strategy.target_done }}
status=unknown
[ -s "$images/lazy-pages.exit" ] && read -r status <"$images/lazy-pages.exit"
out {{ keys.lazy_target_exit | q }}".$id" "$status"
answer=no
if app_answers; then answer=yes; fi
out {{ keys.post_copy_answer | q }}".$id" "$answer"
if [ "$status" != 0 ] || [ "$answer" != yes ]; then
  echo "post-copy of $id did not complete: the lazy-pages daemon $([ "$status" = unknown ] && echo "is gone without an exit status" || echo "exited $status"), health check answered: $answer" >&2
  failed=1
fi
{{~ end ~}}
exit "$failed"
