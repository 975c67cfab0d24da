#!/usr/bin/env bash
# Removes an application's containers from this host.
set -uo pipefail
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; netns=ctr-counter-counter; veth=fcfc000a
# (partial) Removes a container and everything made for it on this host. Safe when parts are gone.
runc kill "$id" KILL >/dev/null 2>&1 || true
for _ in $(seq 50); do runc state "$id" 2>/dev/null | grep -q '"status": "running"' || break; sleep 0.05; done
runc delete -f "$id" >/dev/null 2>&1 || true
if [ -f "$bundle/holder.pid" ]; then pkill -KILL -s "$(cat "$bundle/holder.pid")" 2>/dev/null || true; fi
if ip netns list | awk '{print $1}' | grep -qx "$netns"; then ip netns del "$netns"; fi
ip link del "$veth" >/dev/null 2>&1 || true
rm -rf "$bundle"
rmdir "$(dirname "$bundle")" 2>/dev/null || true
exit 0
