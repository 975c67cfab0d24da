# (strategy partial) After post-copy succeeded the source's dump has served its last page and ends
# within moments; its exit status says whether it did (unknown when the dump is gone without one). The
# wrapper's pid, not runc's command line, says whether it is gone: runc exits a moment before its wrapper
# writes the exit status.
source_done() { [ -s "$images/checkpoint.exit" ] || ! kill -0 "$(cat "$images/checkpoint.pid" 2>/dev/null)" 2>/dev/null; }
progress_meter {{ target_ip | q }} "lazy pages of $id served to the target" </dev/null 2>&1 &
meter=$!
if wait_for {{ limits.lazy_source_done | q }} "the post-copy source of $id to serve its last page" source_done; then
  out {{ keys.lazy_source_done_at | q }} "$EPOCHREALTIME"
  status=unknown
  [ -s "$images/checkpoint.exit" ] && read -r status <"$images/checkpoint.exit"
  out {{ keys.lazy_source_exit | q }}".$id" "$status"
else
  pkill -KILL -s "$(cat "$images/checkpoint.pid")" 2>/dev/null
fi
kill "$meter" 2>/dev/null || true
