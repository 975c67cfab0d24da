#!/usr/bin/env bash
# Stops one host and removes what host-up made. Finds leftovers by name, so it also cleans after a crash.
set -uo pipefail
ns={{ netns | q }}
dir={{ host_dir | q }}
mgmt_veth={{ mgmt_veth | q }}
cgroup={{ cgroup_prefix | q }}

if [ -f "$dir/pid" ]; then
  kill -KILL "$(cat "$dir/pid")" 2>/dev/null
fi
if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
fi
{{ include "partials/wait.sh" }}
emptied() { [ -z "$(ip netns pids "$ns" 2>/dev/null)" ]; }
wait_for {{ limits.stop | q }} "the processes of $ns to end" emptied
if mountpoint -q "$dir/rootfs" 2>/dev/null; then
  umount "$dir/rootfs" 2>/dev/null || umount -l "$dir/rootfs"
fi
ip netns list | awk '{print $1}' | grep -qx "$ns" && ip netns del "$ns"
ip link show "$mgmt_veth" >/dev/null 2>&1 && ip link del "$mgmt_veth"
for hierarchy in /sys/fs/cgroup/*/; do
  if [ -d "$hierarchy$cgroup" ]; then
    find "$hierarchy$cgroup" -depth -type d -exec rmdir {} + 2>/dev/null
  fi
done
rm -rf "$dir"
exit 0
