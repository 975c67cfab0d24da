# (partial) The container's network namespace and address; the address is a /32 behind a per-host
# gateway address, so the same container IP can live on any host and routing follows it.
ip netns list | awk '{print $1}' | grep -qx "$netns" || ip netns add "$netns"
ip link show "$veth" >/dev/null 2>&1 || ip link add "$veth" type veth peer name eth0 netns "$netns"
ip -n "$netns" link set lo up
ip -n "$netns" addr replace "$address/32" dev eth0
ip -n "$netns" link set eth0 up
ip -n "$netns" route replace "$gateway" dev eth0
ip -n "$netns" route replace default via "$gateway" dev eth0
ip addr replace "$gateway/32" dev "$veth"
ip link set "$veth" up
ip route replace "$address/32" dev "$veth"
