# (strategy partial) Before the freeze, what the post-copy dump of $id needs: room for the target's page
# requests while the page server is busy sending (see strategies/lazy/restore.sh), the page port open only to
# the target's lazy-pages daemon (and this host, for a rollback), and the fifo criu reports ready on.
sysctl -qw net.ipv4.tcp_wmem="4096 4194304 16777216" net.ipv4.tcp_rmem="4096 4194304 16777216"
guard_port "$page_port" "$target" "$source_ip"
rm -f "$images/status.fifo" "$images/checkpoint.exit" "$images/checkpoint.pid"
mkfifo "$images/status.fifo"
