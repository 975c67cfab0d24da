#!/usr/bin/env bash
# Stops one host and removes what host-up made. Finds leftovers by name, so it also cleans after a crash.
set -uo pipefail
ns={{ netns | q }}
dir={{ host_dir | q }}
mgmt_veth={{ mgmt_veth | q }}
cgroups=({{ cgroup_prefixes | qa }})

if [ -f "$dir/pid" ]; then
  kill -KILL "$(cat "$dir/pid")" 2>/dev/null
fi
if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
fi
{{ include "partials/wait.sh" }}
# Containers live in network namespaces of their own, and a frozen one (a post-copy source kept frozen)
# holds a SIGKILL pending until it is thawed: kill every task of the host's cgroups, then thaw them.
cgroup_tasks() {
  local cgroup
  for cgroup in "${cgroups[@]}"; do
    find "/sys/fs/cgroup/pids/$cgroup" "/sys/fs/cgroup/freezer/$cgroup" -name tasks -exec cat {} + 2>/dev/null
  done
}
cgroup_tasks | xargs -r kill -KILL 2>/dev/null
for cgroup in "${cgroups[@]}"; do
  if [ -d "/sys/fs/cgroup/freezer/$cgroup" ]; then
    find "/sys/fs/cgroup/freezer/$cgroup" -name freezer.state | while read -r state; do echo THAWED >"$state" 2>/dev/null; done
  fi
done
emptied() { [ -z "$(ip netns pids "$ns" 2>/dev/null)" ] && [ -z "$(cgroup_tasks)" ]; }
wait_for {{ limits.stop | q }} "the processes of $ns to end" emptied
if mountpoint -q "$dir/rootfs" 2>/dev/null; then
  umount "$dir/rootfs" 2>/dev/null || umount -l "$dir/rootfs"
fi
ip netns list | awk '{print $1}' | grep -qx "$ns" && ip netns del "$ns"
ip link show "$mgmt_veth" >/dev/null 2>&1 && ip link del "$mgmt_veth"
for hierarchy in /sys/fs/cgroup/*/; do
  for cgroup in "${cgroups[@]}"; do
    if [ -d "$hierarchy$cgroup" ]; then
      find "$hierarchy$cgroup" -depth -type d -exec rmdir {} + 2>/dev/null
    fi
  done
done
rm -rf "$dir"
exit 0
