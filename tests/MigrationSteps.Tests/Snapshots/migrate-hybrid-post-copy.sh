#!/usr/bin/env bash
# Post-copy's end, on the target: waits until every page of every container has arrived and the
# container answers with all of them (the strategy says how it waits for its lazy-pages daemon; its exit
# status and the health check decide). Until this succeeds the move has not: a
# failure here rolls back to the source, which still holds the application as it was at the freeze.
set -uo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

pages_from=10.10.0.11
failed=0
id=counter-counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; address=10.252.0.10; port=8080; page_port=27100
health_http=/peek; health_send=''; health_expect=''
# (partial) app_answers: whether container $id answers as its clients need it to on $address:$port within
# 2 s: an HTTP GET of $health_http answered 200, or $health_send answered with a line starting with
# $health_expect; with neither declared, an accepted TCP connection.
app_answers() {
  if [ -n "$health_http" ]; then
    [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$address:$port$health_http" 2>/dev/null)" = 200 ]
  elif [ -n "$health_send" ]; then
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "%s" "$2" >&3 && IFS= read -r reply <&3 && [[ "$reply" == "$3"* ]]' \
      "$address" "$port" "$health_send" "$health_expect" 2>/dev/null
  else
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$address" "$port" 2>/dev/null
  fi
}
# app_answers_try: the same check for a try that its caller ends (wait-answer.sh): a connection in this
# shell, with no timeout and no second bash to start (two execs, 20-50 ms on a host under load, inside the
# downtime); the answer still has its 2 s.
app_answers_try() {
  if [ -n "$health_http" ]; then
    app_answers
  elif [ -n "$health_send" ]; then
    local reply
    { printf '%s' "$health_send" >&3 && IFS= read -r -t 2 reply <&3 && [[ "$reply" == "$health_expect"* ]]; } 3<>"/dev/tcp/$address/$port"
  else
    { :; } 3<>"/dev/tcp/$address/$port"
  fi
}

# The wrapper's pid, not criu's command line, says whether the daemon is gone: criu exits a moment before
# its wrapper writes the exit status.
target_done() { [ -s "$images/lazy-pages.exit" ] || ! kill -0 "$(cat "$images/lazy-pages.pid" 2>/dev/null)" 2>/dev/null; }
# (strategy partial) Waits until the target's local lazy-pages daemon has filled every page of $id from its
# page files (target_done, migrate/post-copy.sh). Nothing crosses the link any more, so a daemon still
# running after limits.lazy_stall seconds is stuck and given up on.
stall=30; deadline=$(( ${EPOCHREALTIME%.*} + stall ))
until target_done; do
  if (( ${EPOCHREALTIME%.*} >= deadline )); then
    echo "criu lazy-pages of $id still filling its memory after ${stall}s; giving up on it" >&2
    pkill -KILL -s "$(cat "$images/lazy-pages.pid")" 2>/dev/null
    break
  fi
  sleep 0.05
done

status=unknown
[ -s "$images/lazy-pages.exit" ] && read -r status <"$images/lazy-pages.exit"
out lazy_target_exit".$id" "$status"
answer=no
if app_answers; then answer=yes; fi
out post_copy_answer".$id" "$answer"
if [ "$status" != 0 ] || [ "$answer" != yes ]; then
  echo "post-copy of $id did not complete: the lazy-pages daemon $([ "$status" = unknown ] && echo "is gone without an exit status" || echo "exited $status"), health check answered: $answer" >&2
  failed=1
fi
exit "$failed"
