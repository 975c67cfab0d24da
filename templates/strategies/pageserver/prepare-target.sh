# (strategy partial) A criu page server on the target receives $id's memory during the dump; only the
# source may connect to it.
guard_port "$page_port" "$source"
criu page-server -d --images-dir "$images" --address "$target" --port "$page_port" -o "$images/page-server.log"
