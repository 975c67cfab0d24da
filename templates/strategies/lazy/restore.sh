# (strategy partial) Post-copy restore of $id: a criu lazy-pages daemon fetching pages from
# $pages_from:$page_port, then runc restore --lazy-pages. criu's lazy-pages daemon sends its page
# requests without blocking: when the source is busy pushing pages through a slow link and many threads
# fault at once, a default-sized send buffer fills and the daemon gives up (EAGAIN), killing the
# restore. Start its connections with 4 MiB of buffer.
sysctl -qw net.ipv4.tcp_wmem="4096 4194304 16777216" net.ipv4.tcp_rmem="4096 4194304 16777216"
rm -f "$images/lazy-pages.socket"
cd "$bundle"
# Every descriptor of a daemon goes to /dev/null: one left on the script's output keeps the SSH channel,
# and so the step, open until the daemon ends.
rm -f "$images/lazy-pages.exit" "$images/lazy-pages.pid"
setsid sh -c 'criu lazy-pages --page-server --address "$1" --port "$2" --images-dir "$3" --work-dir "$3" -o lazy-pages.log; echo $? >"$3/lazy-pages.exit"' \
  sh "$pages_from" "$page_port" "$images" </dev/null >/dev/null 2>&1 &
echo "$!" >"$images/lazy-pages.pid"
wait_for {{ limits.lazy_daemon | q }} "criu lazy-pages for $id" test -S "$images/lazy-pages.socket" || true
restore_flags=(--lazy-pages)
{{ include "partials/container-restore.sh" }}
