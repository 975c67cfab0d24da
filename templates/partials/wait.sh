# (partial) wait_for SECONDS WHAT COMMAND…: runs COMMAND every 5 ms until it succeeds; once SECONDS have
# passed, says what it waited for on stderr and fails.
wait_for() {
  local limit="$1" what="$2"; shift 2
  local deadline=$(( ${EPOCHREALTIME//[.,]/} + limit * 1000000 ))
  # The pause is a read that times out on a pipe nobody writes: sleep(1) is a fork and an exec, which took
  # 25 ms for a pause of 20 on a busy host, and most waits here are inside the freeze.
  [ -n "${wait_pause_fd:-}" ] || exec {wait_pause_fd}<> <(:)
  until "$@"; do
    if (( ${EPOCHREALTIME//[.,]/} >= deadline )); then
      echo "timed out after ${limit}s waiting for $what" >&2
      return 1
    fi
    read -r -t 0.005 -u "$wait_pause_fd" _ || true
  done
}
