#!/usr/bin/env bash
# Removes the stack's switches. Safe to run when some or all are already gone.
set -uo pipefail
fabric={{ fabric_ns | q }}
mgmt_bridge={{ mgmt_bridge | q }}
if ip netns list | awk '{print $1}' | grep -qx "$fabric"; then
  for pid in $(ip netns pids "$fabric" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
  ip netns del "$fabric"
fi
ip link show "$mgmt_bridge" >/dev/null 2>&1 && ip link del "$mgmt_bridge"
exit 0
