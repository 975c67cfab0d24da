# (strategy partial) Dumps container $id into $images and stops it.
runc checkpoint --tcp-established --image-path "$images" --work-path "$images" "$id"
