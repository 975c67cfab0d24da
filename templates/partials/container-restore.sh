# (partial) Restores container $id from $images with its TCP connections and waits until runc says
# so. Post-copy: a criu lazy-pages daemon first, fetching pages from $pages_from:$page_port.
cd "$bundle"
{{#if @root.lazy}}
# criu's lazy-pages daemon sends its page requests without blocking: when the source is busy pushing
# pages through a slow link and many threads fault at once, a default-sized send buffer fills and the
# daemon gives up (EAGAIN), killing the restore. Start its connections with 4 MiB of buffer.
sysctl -qw net.ipv4.tcp_wmem="4096 4194304 16777216" net.ipv4.tcp_rmem="4096 4194304 16777216"
rm -f "$images/lazy-pages.socket"
setsid criu lazy-pages --page-server --address "$pages_from" --port "$page_port" --images-dir "$images" --work-dir "$images" \
  -o lazy-pages.log </dev/null >/dev/null 2>&1 &
for _ in $(seq 250); do [ -S "$images/lazy-pages.socket" ] && break; sleep 0.02; done
{{/if}}
rm -f run.status
setsid sh -c 'sleep infinity | { runc restore -d --tcp-established {{#if @root.lazy}}--lazy-pages{{/if}} --image-path "$2" --work-path "$2" --bundle . "$1"; echo $? > run.status; } 2>&1 | cat >> log' \
  sh "$id" "$images" </dev/null >/dev/null 2>&1 &
echo $! >holder.pid
for _ in $(seq 3000); do [ -s run.status ] && break; sleep 0.02; done
if [ "$(cat run.status 2>/dev/null)" != 0 ]; then
  echo "runc restore of $id on $(hostname) failed:" >&2
  tail -n 8 "$images/restore.log" >&2 2>/dev/null || tail -n 8 log >&2
  exit 1
fi
