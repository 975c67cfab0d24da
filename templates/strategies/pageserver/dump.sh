# (strategy partial) Dumps the frozen $id (it stays frozen); its memory streams to the page server on the target.
shielded "$images/dump.pid" runc checkpoint --leave-running --tcp-established --page-server "$target:$page_port" --image-path "$images" --work-path "$images" "$id"
