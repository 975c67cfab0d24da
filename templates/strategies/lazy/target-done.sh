# (strategy partial) Post-copy ends when the target's lazy-pages daemon has fetched every page of $id:
# its exit status says whether it did (unknown when it is gone without one), and the container must
# still answer its health check then. There is no fixed limit while pages flow: the daemon is given up
# on only once nothing has arrived on its connection to the source for limits.lazy_stall seconds. The
# wrapper's pid, not criu's command line, says whether it is gone: criu exits a moment before its
# wrapper writes the exit status.
target_done() { [ -s "$images/lazy-pages.exit" ] || ! kill -0 "$(cat "$images/lazy-pages.pid" 2>/dev/null)" 2>/dev/null; }
stall={{ limits.lazy_stall | q }}; received=-1; last_change=${EPOCHREALTIME%.*}
until target_done; do
  now=${EPOCHREALTIME%.*}
  stats=$(ss -Htin state established dst "$pages_from" dport = :"$page_port" 2>/dev/null)
  if [[ $stats =~ bytes_received:([0-9]+) ]] && [ "${BASH_REMATCH[1]}" != "$received" ]; then
    received=${BASH_REMATCH[1]}; last_change=$now
  elif (( now - last_change >= stall )); then
    echo "no page of $id arrived from $pages_from for ${stall}s while its lazy-pages daemon still ran; giving up on it" >&2
    pkill -KILL -s "$(cat "$images/lazy-pages.pid")" 2>/dev/null
    break
  fi
  sleep 0.2
done
status=unknown
[ -s "$images/lazy-pages.exit" ] && read -r status <"$images/lazy-pages.exit"
out {{ keys.lazy_target_exit | q }}".$id" "$status"
answer=no
if app_answers; then answer=yes; fi
out {{ keys.post_copy_answer | q }}".$id" "$answer"
if [ "$status" != 0 ] || [ "$answer" != yes ]; then
  echo "post-copy of $id did not complete: the lazy-pages daemon $([ "$status" = unknown ] && echo "is gone without an exit status" || echo "exited $status"), health check answered: $answer" >&2
  failed=1
fi
