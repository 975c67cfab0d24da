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
# wait_written SECONDS WHAT FILE FIFO: waits until FILE is written, woken at once by the line its writer puts
# on FIFO (made beforehand with mkfifo) after it, not at the next 20 ms poll; fails as wait_for does. The
# writer opens FIFO read-write (`echo 1<>FIFO`), so that it never blocks, even with no one waiting.
wait_written() {
  local limit="$1" what="$2" file="$3" fifo="$4" fd
  exec {fd}<>"$fifo"
  if [ ! -s "$file" ] && ! read -r -t "$limit" -u "$fd" _; then
    exec {fd}>&-
    echo "timed out after ${limit}s waiting for $what" >&2
    return 1
  fi
  exec {fd}>&-
}
