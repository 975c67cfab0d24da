#!/usr/bin/env bash
# Podman baseline: starts the application's containers under Podman in their pre-made network namespaces
# and waits until each answers its health check.
set -euo pipefail
umask 077
# (partial) wait_for SECONDS WHAT COMMAND…: runs COMMAND until it succeeds, every 5 ms for its first 20 tries
# (most waits inside a freeze end within 100 ms), every 20 ms after; once SECONDS have passed, says what it
# waited for on stderr and fails.
wait_for() {
  local limit="$1" what="$2"; shift 2
  local deadline=$(( ${EPOCHREALTIME//[.,]/} + limit * 1000000 )) pause=0.005 tries=0
  until "$@"; do
    if (( ${EPOCHREALTIME//[.,]/} >= deadline )); then
      echo "timed out after ${limit}s waiting for $what" >&2
      return 1
    fi
    (( ++tries < 20 )) || pause=0.02
    nap "$pause"
  done
}
# nap SECONDS: sleeps without a fork (a forked sleep costs 3-4 ms of CPU here, on every try): a read with a
# timeout on a fifo that no one writes to, made at the first nap (a forked sleep if it cannot be).
nap() {
  if [ -z "${nap_fd:-}" ]; then
    local fifo="/run/ferry-nap.$BASHPID"
    if mkfifo -m 600 "$fifo" 2>/dev/null; then exec {nap_fd}<>"$fifo"; rm -f "$fifo"; else nap_fd=-; fi
  fi
  if [ "$nap_fd" = - ]; then sleep "$1"; else read -r -t "$1" -u "$nap_fd" _ || true; fi
}
# wait_written SECONDS WHAT FILE FIFO: waits until FILE is written, woken at once by the line its writer puts
# on FIFO (made beforehand with mkfifo) after it, not at the next 20 ms poll; fails as wait_for does. The
# writer opens FIFO read-write (`echo 1<>FIFO`), so that it never blocks, even with no one waiting.
wait_written() {
  local limit="$1" what="$2" file="$3" fifo="$4" fd written=1
  exec {fd}<>"$fifo"
  [ -s "$file" ] || read -r -t "$limit" -u "$fd" _ || written=0
  exec {fd}>&-
  [ "$written" = 1 ] || { echo "timed out after ${limit}s waiting for $what" >&2; return 1; }
}

# (partial) pm …: Podman as these hosts can run it: root, cgroup v1 through cgroupfs (no systemd), vfs
# storage (the host's root is already an overlay), events in a file, and the same runc as ferry's containers.
pm() {
  PODMAN_IGNORE_CGROUPSV1_WARNING=1 podman --storage-driver vfs --cgroup-manager cgroupfs --events-backend file --runtime runc "$@"
}

id=counter-counter; image=localhost/ferry-counter-counter:baseline; address=10.252.0.10; port=8080
health_http=/peek; health_send=''; health_expect=''
pm rm -f "$id" >/dev/null 2>&1 || true
pm run -d --name "$id" --network "ns:/run/netns/"ctr-counter-counter --memory 134217728 \
  --cgroup-parent /ferry-unit/aws-w1/podman -v /usr:/usr:ro -v /etc:/etc:ro \
   "$image" python3 -u /app/counter.py >/dev/null
# (partial) Waits until container $id answers its health check (see app-answers.sh); needs wait.sh. A try
# starts every quarter second (every second after the fourth, so that a slow application is not flooded),
# each with its full time, and the first answer counts: one whose first SYN is lost on a route just
# switched would otherwise wait out TCP's 1 s retransmission (a cut-over's check took 1.07 s so, twice in
# one bench), while an application slow to answer its first request still gets the time it needs. Tries
# report on a pipe this shell reads with a timeout, so an answer ends the wait at once: an anonymous one,
# opened read-write through a process substitution's /dev/fd (mktemp and mkfifo were two execs, 20-40 ms
# each on a loaded host). Once one has answered or the time is up, the tries still waiting are stopped
# with their children, off the downtime's path.
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

if [ -n "$port" ]; then
  answer_pids=(); answered=0
  exec {answers}<> <(:)
  answers_soon() {
    { app_answers_try && echo yes >&"$answers"; } </dev/null >/dev/null 2>&1 &
    answer_pids+=("$!")
    local wait=0.25
    (( ${#answer_pids[@]} < 4 )) || wait=1
    read -r -t "$wait" -u "$answers" _
  }
  wait_for 30 "$id to answer on $address:$port" answers_soon && answered=1
  exec {answers}>&-
  { set +e; for pid in "${answer_pids[@]}"; do pkill -P "$pid"; kill "$pid"; done; } </dev/null >/dev/null 2>&1 &
  [ "$answered" = 1 ]
fi

echo "$id running under podman at $address"
