# (strategy partial) Waits until the target's local lazy-pages daemon has filled every page of $id from its
# page files (target_done, migrate/post-copy.sh). Nothing crosses the link any more, so a daemon still
# running after limits.lazy_stall seconds is stuck and given up on.
stall={{ limits.lazy_stall | q }}; deadline=$(( ${EPOCHREALTIME%.*} + stall ))
until target_done; do
  if (( ${EPOCHREALTIME%.*} >= deadline )); then
    echo "criu lazy-pages of $id still filling its memory after ${stall}s; giving up on it" >&2
    pkill -KILL -s "$(cat "$images/lazy-pages.pid")" 2>/dev/null
    break
  fi
  sleep 0.05
done
