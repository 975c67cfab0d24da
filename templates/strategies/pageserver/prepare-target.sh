# (strategy partial) A criu page server on the target receives $id's memory during the dump.
criu page-server -d --images-dir "$images" --address "$target" --port "$page_port" -o "$images/page-server.log"
