# (partial) The container's network namespace and address; the address is a /32 behind a per-host
# gateway address, so the same container IP can live on any host and routing follows it. One ip
# process per namespace: each fork costs milliseconds on the migration's critical path.
[ -e "/run/netns/$netns" ] || ip netns add "$netns"
# A host end left from an earlier namespace (one a crashed host's process kept alive) is replaced.
if ! ip -n "$netns" link show eth0 >/dev/null 2>&1; then
  ip link del "$veth" 2>/dev/null || true
  ip link add "$veth" type veth peer name eth0 netns "$netns"
fi
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
