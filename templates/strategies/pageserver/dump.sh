# (strategy partial) Dumps $id; its memory streams to the page server on the target.
runc checkpoint --tcp-established --page-server "$target:$page_port" --image-path "$images" --work-path "$images" "$id"
