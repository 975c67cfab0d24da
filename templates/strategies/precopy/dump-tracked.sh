# (strategy partial) The final dump of $id: only memory dirtied since the pre-dump in $images.pre.
shielded "$images/dump.pid" runc checkpoint --leave-running --tcp-established --parent-path "../$(basename "$images").pre" --image-path "$images" --work-path "$images" "$id"
