# (strategy partial) The post-copy source must serve every page of $id before it goes.
if wait_for {{ limits.lazy_source_done | q }} "the post-copy source of $id to serve its last page" test -f "$images/checkpoint.exit"; then
  out {{ keys.lazy_source_done_at | q }} "$EPOCHREALTIME"
fi
