# (strategy partial) Post-copy ends when the target's lazy-pages daemon has fetched every page of $id:
# its exit status says whether it did (unknown when it is gone without one), and the container must
# still answer its health check then. A daemon killed mid-fetch leaves the process with memory it will
# never get: ferry reports the state as lost. The wrapper's pid, not criu's command line, says whether it
# is gone: criu exits a moment before its wrapper writes the exit status.
target_done() { [ -s "$images/lazy-pages.exit" ] || ! kill -0 "$(cat "$images/lazy-pages.pid" 2>/dev/null)" 2>/dev/null; }
if wait_for {{ limits.lazy_source_done | q }} "the lazy-pages daemon of $id to fetch its last page" target_done; then
  status=unknown
  [ -s "$images/lazy-pages.exit" ] && read -r status <"$images/lazy-pages.exit"
  out {{ keys.lazy_target_exit | q }}".$id" "$status"
fi
answer=no
if app_answers; then answer=yes; fi
out {{ keys.post_copy_answer | q }}".$id" "$answer"
