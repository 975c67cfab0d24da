#!/usr/bin/env bash
# Creates a twin's switches: the fabric namespace with one bridge per site and the internet segment, this
# machine's operator link into that segment, and each site bridge's source/destination check. Safe to run twice.
set -euo pipefail
fabric={{ fabric_ns | q }}
operator_veth={{ operator_veth | q }}
operator_address={{ operator_address | q }}

ip netns list | awk '{print $1}' | grep -qx "$fabric" || ip netns add "$fabric"
ip -n "$fabric" link set lo up
for bridge in {{ bridges | qa }}; do
  ip -n "$fabric" link show "$bridge" >/dev/null 2>&1 || ip -n "$fabric" link add "$bridge" type bridge
  ip -n "$fabric" link set "$bridge" up
done
if ! ip link show "$operator_veth" >/dev/null 2>&1; then
  ip link add "$operator_veth" type veth peer name operator netns "$fabric"
fi
ip -n "$fabric" link set operator master {{ internet_bridge | q }} up
ip addr replace "$operator_address" dev "$operator_veth"
ip link set "$operator_veth" up

# The clouds drop what an instance sends or receives that is not its own address, unless it may forward.
veths=({{ checked_veths | qa }})
addresses=({{ checked_addresses | qa }})
{
  echo "table bridge ferry_twin"
  echo "delete table bridge ferry_twin"
  echo "table bridge ferry_twin {"
  echo "  chain forward {"
  echo "    type filter hook forward priority 0; policy accept;"
  for i in "${!veths[@]}"; do
    printf '    iifname "%s" ip saddr != %s counter drop comment "source check"\n' "${veths[$i]}" "${addresses[$i]}"
    printf '    oifname "%s" ip daddr != %s counter drop comment "destination check"\n' "${veths[$i]}" "${addresses[$i]}"
  done
  echo "  }"
  echo "}"
} | ip netns exec "$fabric" nft -f -
