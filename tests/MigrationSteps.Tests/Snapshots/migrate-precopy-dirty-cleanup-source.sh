#!/usr/bin/env bash
# After a successful move: waits until a post-copy source has served every page, then removes the
# containers' remains, network namespace, bundle and images from the source.
set -uo pipefail
# (partial) Bytes this host has sent on the interface that routes to the target.
tx_bytes() { cat "/sys/class/net/$(ip -o route get "$1" | awk '{for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1)}')/statistics/tx_bytes"; }
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; netns=ctr-counter-counter; veth=fcfc000a; images=/var/lib/ferry/migrate/20261122-023000-counter/counter
# (partial) Removes a container and everything made for it on this host. Safe when parts are gone.
runc kill "$id" KILL >/dev/null 2>&1 || true
for _ in $(seq 50); do runc state "$id" 2>/dev/null | grep -q '"status": "running"' || break; sleep 0.05; done
runc delete -f "$id" >/dev/null 2>&1 || true
if [ -f "$bundle/holder.pid" ]; then pkill -KILL -s "$(cat "$bundle/holder.pid")" 2>/dev/null || true; fi
if ip netns list | awk '{print $1}' | grep -qx "$netns"; then ip netns del "$netns"; fi
ip link del "$veth" >/dev/null 2>&1 || true
rm -rf "$bundle"
rmdir "$(dirname "$bundle")" 2>/dev/null || true
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null || true
echo "ferry-metric tx_after=$(tx_bytes 10.20.0.11)"
exit 0
