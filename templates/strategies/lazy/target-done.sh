# (strategy partial) Waits until the target's lazy-pages daemon has fetched every page of $id from the
# source (target_done, migrate/post-copy.sh). There is no fixed limit while pages flow: the daemon is given
# up on only once nothing has arrived on its connection to the source for limits.lazy_stall seconds.
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
