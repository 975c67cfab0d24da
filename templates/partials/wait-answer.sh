# (partial) Waits until container $id answers its health check (see app-answers.sh); needs wait.sh. A try
# starts every quarter second, each with its full time, and the first answer counts: one whose first SYN is
# lost on a route just switched would otherwise wait out TCP's 1 s retransmission (a cut-over's check took
# 1.07 s so, twice in one bench), while an application slow to answer its first request still gets the
# time it needs. The tries are stopped once one has answered or the time is up.
{{ include "partials/app-answers.sh" }}
if [ -n "$port" ]; then
  answer_dir=$(mktemp -d); answer_next=0; answer_pids=(); answered=0
  answers_soon() {
    local now=${EPOCHREALTIME//[.,]/}
    [ -e "$answer_dir/yes" ] && return 0
    if (( now >= answer_next )); then
      { app_answers && : >"$answer_dir/yes"; } </dev/null >/dev/null 2>&1 &
      answer_pids+=("$!")
      answer_next=$(( now + 250000 ))
    fi
    return 1
  }
  wait_for {{ limits.answer | q }} "$id to answer on $address:$port" answers_soon && answered=1
  for pid in "${answer_pids[@]}"; do pkill -P "$pid" 2>/dev/null; kill "$pid" 2>/dev/null; done || true
  rm -rf "$answer_dir"
  [ "$answered" = 1 ]
fi
