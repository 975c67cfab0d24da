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
