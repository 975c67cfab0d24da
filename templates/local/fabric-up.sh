#!/usr/bin/env bash
# Creates the stack's switches: the management bridge ferry reaches sshd on, and the fabric namespace
# holding one bridge per site plus the internet segment. Safe to run twice.
set -euo pipefail
fabric={{ fabric_ns | q }}
mgmt_bridge={{ mgmt_bridge | q }}
mgmt_address={{ mgmt_address | q }}

ip netns list | grep -qx "$fabric" || ip netns add "$fabric"
ip -n "$fabric" link set lo up
for bridge in {{ bridges | qa }}; do
  ip -n "$fabric" link show "$bridge" >/dev/null 2>&1 || ip -n "$fabric" link add "$bridge" type bridge
  ip -n "$fabric" link set "$bridge" up
done
if ! ip link show "$mgmt_bridge" >/dev/null 2>&1; then
  ip link add "$mgmt_bridge" type bridge
fi
ip addr replace "$mgmt_address" dev "$mgmt_bridge"
ip link set "$mgmt_bridge" up
