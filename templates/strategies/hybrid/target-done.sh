# (strategy partial) The move ends when the target's local lazy-pages daemon has filled every page of $id
# from its page files (exit 0) and the container still answers its health check. Nothing crosses the link
# any more, so a daemon still running after limits.lazy_stall seconds is stuck and given up on.
target_done() { [ -s "$images/lazy-pages.exit" ] || ! kill -0 "$(cat "$images/lazy-pages.pid" 2>/dev/null)" 2>/dev/null; }
stall={{ limits.lazy_stall | q }}; deadline=$(( ${EPOCHREALTIME%.*} + stall ))
until target_done; do
  if (( ${EPOCHREALTIME%.*} >= deadline )); then
    echo "criu lazy-pages of $id still filling its memory after ${stall}s; giving up on it" >&2
    pkill -KILL -s "$(cat "$images/lazy-pages.pid")" 2>/dev/null
    break
  fi
  sleep 0.05
done
status=unknown
[ -s "$images/lazy-pages.exit" ] && read -r status <"$images/lazy-pages.exit"
out {{ keys.lazy_target_exit | q }}".$id" "$status"
answer=no
if app_answers; then answer=yes; fi
out {{ keys.post_copy_answer | q }}".$id" "$answer"
if [ "$status" != 0 ] || [ "$answer" != yes ]; then
  echo "the local lazy restore of $id did not complete: the lazy-pages daemon $([ "$status" = unknown ] && echo "is gone without an exit status" || echo "exited $status"), health check answered: $answer" >&2
  failed=1
fi
