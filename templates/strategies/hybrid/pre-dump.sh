# (strategy partial) Without dirty-memory tracking: rounds of page copies read from $id's running processes
# (nothing freezes). The first round ships every page to the target's $images.pre/base; each later round
# ships only the pages that changed since the one before, and the target rebuilds its copy from them. The
# rounds stop when what changed is small enough for the freeze or no longer shrinks. The source keeps an
# exact copy of what the target holds, for the final comparison (strategies/hybrid/transfer.sh).
{{ include "strategies/hybrid/pages.sh" }}
pids=$(runc ps --format json "$id"); pids=${pids//[\[\],]/ }
pages snapshot "$pre/base" $pids >/dev/null
sent=$(peer_rsync --mkpath "$pre/base/" "$target:$images.pre/base/" | rsync_bytes)
if [ -z "${pages_on_target:-}" ]; then pages_peer_install; pages_on_target=1; fi
changed=$(du -sb "$pre/base" | cut -f1)
# At most 5 rounds; 4 MiB is about a third of a second at 100 Mbit/s.
rounds=5; small=$((4 << 20))
round=1
while (( round < rounds )); do
  rm -rf "$pre/next" "$pre/xfer"
  pages snapshot "$pre/next" $pids >/dev/null
  delta=$(pages delta "$pre/base" "$pre/next" "$pre/xfer")
  now=$(value literal "$delta")
  # Not shrinking (the application rewrites memory as fast as rounds go) or small: the freeze takes the rest.
  if (( now <= small || now * 10 > changed * 8 )); then
    changed=$now
    break
  fi
  round=$((round + 1))
  changed=$now
  sent=$((sent + $(peer_rsync "$pre/xfer/" "$target:$images.pre/xfer/" | rsync_bytes)))
  remote=$(printf '%q ' python3 -c "$pages_run" "$pages_lib" apply "$images.pre/base" "$images.pre/xfer" "$images.pre/next")
  remote+="&& rm -rf $(printf '%q' "$images.pre/base") && mv $(printf '%q %q' "$images.pre/next" "$images.pre/base")"
  peer_ssh "$remote" </dev/null >/dev/null
  rm -rf "$pre/base"
  mv "$pre/next" "$pre/base"
done
rm -rf "$pre/next" "$pre/xfer"
out {{ keys.precopy_rounds | q }}".$id" "$round"
out {{ keys.precopy_changed_bytes | q }}".$id" "$changed"
# The final dump's room is made now, not in the checkpoint: there it cost 15-30 ms of forks per container
# while the front held the clients (170 ms on a slow day).
mkdir -p "$images"
{{ include "strategies/hybrid/dump-setup.sh" }}
