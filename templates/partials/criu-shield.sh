# (partial) shielded PIDFILE COMMAND…: runs a criu dump (through runc) in a session of its own, out of the
# OOM killer's reach (where root may lower oom_score_adj: the local cloud's hosts lack CAP_SYS_RESOURCE),
# writes its pid to PIDFILE and waits for it. criu killed while its code runs inside a task (the parasite,
# or a system call it injects) kills that task, and a dump cut short has written nothing to restore it
# from: the application would be lost. A step that is killed (its time limit, ferry interrupted) loses its
# own session only; the dump ends on its own, and rollback-source waits for it. Its output goes to a file
# beside PIDFILE (it must not hold the step's channel open), then to stderr. It costs 6-8 ms of the freeze
# (an exec and an rm, on hosts where a fork and exec take 3.5-4.5 ms).
shielded() {
  local pidfile=$1 status=0
  shift
  (echo -1000 >/proc/self/oom_score_adj 2>/dev/null || true; exec setsid "$@") </dev/null >"$pidfile.out" 2>&1 &
  echo "$!" >"$pidfile"
  wait "$!" || status=$?
  if [ -s "$pidfile.out" ]; then cat "$pidfile.out" >&2; fi
  rm -f "$pidfile" "$pidfile.out"
  return "$status"
}
