# (strategy partial) With dirty-memory tracking: criu pre-dump rounds of $id (it keeps running), each the
# parent of the next, shipped to the target as they are made; they stop when the pages a round wrote no
# longer shrink or are few enough for the freeze. $pre/last names the final dump's parent.
# At most 5 rounds; 4 MiB is about a third of a second at 100 Mbit/s.
rounds=5; small=$((4 << 20))
round=1; parent=; previous=
while :; do
  shielded "$pre/dump.pid" runc checkpoint --pre-dump ${parent:+--parent-path "../$parent"} --image-path "$pre/$round" --work-path "$pre/$round" "$id"
  written=0
  for f in "$pre/$round"/pages-*.img; do if [ -e "$f" ]; then written=$((written + $(stat -c %s "$f"))); fi; done
  ln -sfn "$round" "$pre/last"
  sent=$(( ${sent:-0} + $(peer_rsync "$pre/" "$target:$images.pre/" | rsync_bytes) ))
  if (( round >= rounds || written <= small )) || { [ -n "$previous" ] && (( written * 10 > previous * 8 )); }; then
    break
  fi
  parent=$round; previous=$written; round=$((round + 1))
done
out {{ keys.precopy_rounds | q }}".$id" "$round"
out {{ keys.precopy_changed_bytes | q }}".$id" "$written"
