# (partial) The container's network namespace and address; the address is a /32 behind a per-host
# gateway address, so the same container IP can live on any host and routing follows it. One ip
# process per namespace: each fork costs milliseconds on the migration's critical path.
[ -e "/run/netns/$netns" ] || ip netns add "$netns"
[ -e "/sys/class/net/$veth" ] || ip link add "$veth" type veth peer name eth0 netns "$netns"
ip -n "$netns" -batch - <<NETNS
link set lo up
addr replace $address/32 dev eth0
link set eth0 up
route replace $gateway dev eth0
route replace default via $gateway dev eth0
NETNS
ip -batch - <<HOST
addr replace $gateway/32 dev $veth
link set $veth up
route replace $address/32 dev $veth
HOST
