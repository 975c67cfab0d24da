# (strategy partial) Dumps the frozen container $id into $images; it stays frozen (partials/freeze.sh).
shielded "$images/dump.pid" runc checkpoint --leave-running --tcp-established --image-path "$images" --work-path "$images" "$id"
