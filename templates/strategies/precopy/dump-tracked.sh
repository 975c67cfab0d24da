# (strategy partial) The final dump of $id: only memory dirtied since the pre-dump in $images.pre.
runc checkpoint --leave-running --tcp-established --parent-path "../$(basename "$images").pre" --image-path "$images" --work-path "$images" "$id"
