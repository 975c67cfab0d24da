#!/usr/bin/env bash
# Removes a twin's VPC routers, switches and operator link. Safe when some or all are already gone.
set -uo pipefail
fabric={{ fabric_ns | q }}
operator_veth={{ operator_veth | q }}
for ns in {{ router_namespaces | qa }} "$fabric"; do
  if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
    ip netns del "$ns"
  fi
done
ip link show "$operator_veth" >/dev/null 2>&1 && ip link del "$operator_veth"
exit 0
