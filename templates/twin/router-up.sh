#!/usr/bin/env bash
# Boots one site's VPC router: a namespace between the site's bridge and the internet segment that owns the
# site's public addresses, maps each 1:1 onto a host's private address, routes by the site's route table and
# lets in from the internet only what the site's rules allow (everything else is denied). Safe to run twice.
set -euo pipefail
ns={{ netns | q }}
fabric={{ fabric_ns | q }}
mtu={{ mtu | q }}
public_ips=({{ public_ips | qa }})
route_destinations=({{ route_destinations | qa }})
route_next_hops=({{ route_next_hops | qa }})
ruleset=({{ ruleset | qa }})

ip netns list | awk '{print $1}' | grep -qx "$ns" || ip netns add "$ns"
ip -n "$ns" link set lo up
ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
  net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.default.send_redirects=0
for leg in lan wan; do
  if [ "$leg" = lan ]; then outer={{ lan_veth | q }} bridge={{ site_bridge | q }} address={{ lan_address | q }}; else outer={{ wan_veth | q }} bridge={{ internet_bridge | q }} address={{ wan_address | q }}; fi
  if ! ip -n "$ns" link show "$leg" >/dev/null 2>&1; then
    ip -n "$fabric" link add "$outer" type veth peer name "$leg" netns "$ns"
  fi
  ip -n "$fabric" link set "$outer" master "$bridge" up
  ip -n "$ns" addr replace "$address" dev "$leg"
  ip -n "$ns" link set "$leg" up
done
ip -n "$ns" link set lan mtu "$mtu"
ip -n "$fabric" link set {{ lan_veth | q }} mtu "$mtu"
ip -n "$ns" link set wan mtu {{ internet_mtu | q }}
for ip in "${public_ips[@]}"; do
  ip -n "$ns" addr replace "$ip/32" dev wan
done
for i in "${!route_destinations[@]}"; do
  ip -n "$ns" route replace "${route_destinations[$i]}" via "${route_next_hops[$i]}" dev lan
done
printf '%s\n' "${ruleset[@]}" | ip netns exec "$ns" nft -f -
