# (strategy partial) Post-copy: criu dumps everything but memory of $id, then stays up serving pages to
# the target's lazy-pages daemon. The tasks are frozen first (the cgroup freezer, written here without a
# fork) and the dump leaves them running: criu puts a frozen cgroup back to frozen when it lets go, so the
# source keeps the application exactly as it was at the freeze until post-copy has ended. Then
# cleanup-source kills it, or rollback-source thaws it. criu unlocks the container's network when it lets
# go of running tasks; the ferry_hold table keeps it cut off until then, so the source's kernel never
# acknowledges what a client sends to the frozen copy. Room for the target's page requests while the page
# server is busy sending (see strategies/lazy/restore.sh).
state_json=
read -r -d '' state_json <"/run/runc/$id/state.json" || true
if ! [[ $state_json =~ \"freezer\":\"([^\"]+)\" ]]; then
  echo "no freezer cgroup for $id in runc's state; cannot keep it frozen during post-copy" >&2
  exit 1
fi
freezer="${BASH_REMATCH[1]}/freezer.state"
echo FROZEN >"$freezer"
frozen() { local state; read -r state <"$freezer"; [ "$state" = FROZEN ]; }
wait_for {{ limits.stop | q }} "the freezer to stop $id" frozen
ip netns exec "$netns" nft -f - <<'NFT'
table inet ferry_hold {
  chain input { type filter hook input priority -300; policy drop; }
  chain output { type filter hook output priority -300; policy drop; }
}
NFT
sysctl -qw net.ipv4.tcp_wmem="4096 4194304 16777216" net.ipv4.tcp_rmem="4096 4194304 16777216"
rm -f "$images/status.fifo" "$images/checkpoint.exit" "$images/checkpoint.pid"
mkfifo "$images/status.fifo"
setsid sh -c 'runc checkpoint --leave-running --tcp-established --lazy-pages --page-server "$1:$2" --status-fd 3 --image-path "$3" --work-path "$3" "$4" 3>"$3/status.fifo"; echo $? >"$3/checkpoint.exit"' \
  sh "$source_ip" "$page_port" "$images" "$id" </dev/null >"$images/checkpoint.out" 2>&1 &
echo "$!" >"$images/checkpoint.pid"
# criu writes one byte to the status fd once it serves pages; the fifo read ends with it or with criu's exit.
timeout {{ limits.lazy_dump_ready | q }} head -c 1 "$images/status.fifo" >/dev/null ||
  echo "timed out after "{{ limits.lazy_dump_ready | q }}"s waiting for the lazy dump of $id to report ready" >&2
sleep 0.05
if [ -s "$images/checkpoint.exit" ] && [ "$(cat "$images/checkpoint.exit")" != 0 ]; then
  echo "lazy checkpoint of $id failed:" >&2
  tail -n 5 "$images/checkpoint.out" "$images/dump.log" >&2 2>/dev/null
  exit 1
fi
