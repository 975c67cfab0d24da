# (strategy partial) Without dirty-memory tracking (kernels lacking soft-dirty): a full dump that leaves
# $id running, shipped straight into the target's $images, so the final dump's rsync sends only changed blocks.
shielded "$pre/dump.pid" runc checkpoint --leave-running --tcp-established --image-path "$pre" --work-path "$pre" "$id"
sent=$(peer_rsync "$pre/" "$target:$images/" | rsync_bytes)
