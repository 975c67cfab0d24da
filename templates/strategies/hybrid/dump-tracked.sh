# (strategy partial) The final dump of $id: only memory dirtied since the last pre-dump round.
shielded "$images/dump.pid" runc checkpoint --tcp-established --parent-path "../$(basename "$images").pre/last" --image-path "$images" --work-path "$images" "$id"
