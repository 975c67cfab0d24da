# (strategy partial) The post-copy source must serve every page of $id before it goes; its dump's exit
# status says whether it did (unknown when the dump is gone without one).
source_done() { [ -s "$images/checkpoint.exit" ] || ! pgrep -f -- "--image-path $images" >/dev/null; }
if wait_for {{ limits.lazy_source_done | q }} "the post-copy source of $id to serve its last page" source_done; then
  out {{ keys.lazy_source_done_at | q }} "$EPOCHREALTIME"
  status=unknown
  [ -s "$images/checkpoint.exit" ] && read -r status <"$images/checkpoint.exit"
  out {{ keys.lazy_source_exit | q }}".$id" "$status"
fi
