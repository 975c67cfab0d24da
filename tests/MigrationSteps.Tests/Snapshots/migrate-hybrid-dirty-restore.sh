#!/usr/bin/env bash
# Restores the containers from their images (with their TCP connections) and waits until each answers.
set -euo pipefail
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

# (partial) wait_for SECONDS WHAT COMMAND…: runs COMMAND every 20 ms until it succeeds; once SECONDS
# have passed, says what it waited for on stderr and fails.
wait_for() {
  local limit="$1" what="$2"; shift 2
  local deadline=$(( ${EPOCHREALTIME//[.,]/} + limit * 1000000 ))
  until "$@"; do
    if (( ${EPOCHREALTIME//[.,]/} >= deadline )); then
      echo "timed out after ${limit}s waiting for $what" >&2
      return 1
    fi
    sleep 0.02
  done
}

pages_from=10.10.0.11
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; address=10.252.0.10; port=8080; page_port=27100
restore_flags=()
# (partial) Restores container $id from $images with its TCP connections (and the strategy's
# ${restore_flags[@]}) and waits until runc says so; needs wait.sh.
cd "$bundle"
rm -f run.status
setsid sh -c 'id="$1" images="$2"; shift 2; sleep infinity | { runc restore -d --tcp-established "$@" --image-path "$images" --work-path "$images" --bundle . "$id"; echo $? > run.status; } 2>&1 | cat >> log' \
  sh "$id" "$images" "${restore_flags[@]}" </dev/null >/dev/null 2>&1 &
echo $! >holder.pid
wait_for 60 "runc restore of $id" test -s run.status || true
if [ "$(cat run.status 2>/dev/null)" != 0 ]; then
  echo "runc restore of $id on $(hostname) failed:" >&2
  tail -n 8 "$images/restore.log" >&2 2>/dev/null || tail -n 8 log >&2
  exit 1
fi

# Here an accepted connection is enough (the application's own answer is the front's to wait for, through
# the new route): no health check declared for app_answers.
health_http=; health_send=; health_expect=
# (partial) Waits until container $id answers its health check (see app-answers.sh); needs wait.sh.
# (partial) app_answers: whether container $id answers as its clients need it to on $address:$port: an
# HTTP GET of $health_http answered 200, or $health_send answered with a line starting with
# $health_expect; with neither declared, an accepted TCP connection.
app_answers() {
  if [ -n "$health_http" ]; then
    [ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://$address:$port$health_http" 2>/dev/null)" = 200 ]
  elif [ -n "$health_send" ]; then
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "%s" "$2" >&3 && IFS= read -r -t 1 reply <&3 && [[ "$reply" == "$3"* ]]' \
      "$address" "$port" "$health_send" "$health_expect" 2>/dev/null
  else
    timeout 0.5 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$address" "$port" 2>/dev/null
  fi
}

if [ -n "$port" ]; then
  wait_for 30 "$id to answer on $address:$port" app_answers
fi

if [ -f "$images/stats-restore" ]; then out criu_stats_restore".$id" "$(base64 -w0 "$images/stats-restore")"; fi
out restored_at "$EPOCHREALTIME"
