# (strategy partial) The memory of $id is on the target only: fetch it back before restoring here.
peer_rsync "$target:$images/" "$images/" >/dev/null
