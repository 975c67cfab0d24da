# (partial) Waits until container $id answers its health check (see app-answers.sh); needs wait.sh. A try
# starts every quarter second (every second after the fourth, so that a slow application is not flooded),
# each with its full time, and the first answer counts: one whose first SYN is lost on a route just
# switched would otherwise wait out TCP's 1 s retransmission (a cut-over's check took 1.07 s so, twice in
# one bench), while an application slow to answer its first request still gets the time it needs. Tries
# report on a pipe this shell reads with a timeout, so an answer ends the wait at once: an anonymous one,
# opened read-write through a process substitution's /dev/fd (mktemp and mkfifo were two execs, 20-40 ms
# each on a loaded host). Once one has answered or the time is up, the tries still waiting are stopped
# with their children, off the downtime's path.
{{ include "partials/app-answers.sh" }}
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
  wait_for {{ limits.answer | q }} "$id to answer on $address:$port" answers_soon && answered=1
  exec {answers}>&-
  { set +e; for pid in "${answer_pids[@]}"; do pkill -P "$pid"; kill "$pid"; done; } </dev/null >/dev/null 2>&1 &
  [ "$answered" = 1 ]
fi
