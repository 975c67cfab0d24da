# (partial) Removes a container and everything made for it on this host. Safe when parts are gone; needs wait.sh.
runc kill "$id" KILL >/dev/null 2>&1 || true
# A frozen container (a post-copy source) dies only once thawed.
runc resume "$id" >/dev/null 2>&1 || true
stopped() { ! runc state "$id" 2>/dev/null | grep -q '"status": "running"'; }
wait_for {{ limits.stop | q }} "$id to stop" stopped || true
runc delete -f "$id" >/dev/null 2>&1 || true
if [ -f "$bundle/holder.pid" ]; then pkill -KILL -s "$(cat "$bundle/holder.pid")" 2>/dev/null || true; fi
if [ -e "/run/netns/$netns" ]; then ip netns del "$netns"; fi
ip link del "$veth" >/dev/null 2>&1 || true
rm -rf "$bundle"
rmdir "$(dirname "$bundle")" 2>/dev/null || true
