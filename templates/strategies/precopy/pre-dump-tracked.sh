# (strategy partial) With dirty-memory tracking: a criu pre-dump of $id (it keeps running), shipped as
# the parent of the final dump.
shielded "$pre/dump.pid" runc checkpoint --pre-dump --image-path "$pre" --work-path "$pre" "$id"
sent=$(peer_rsync "$pre/" "$target:$images.pre/" | rsync_bytes)
