#!/usr/bin/env bash
# Boots one host: its network namespace and links, an overlay of the host image as its root, then
# a new mount/pid/uts/ipc namespace that pivots into that root and runs sshd.
set -euo pipefail
name={{ name | q }}
ns={{ netns | q }}
fabric={{ fabric_ns | q }}
mgmt_bridge={{ mgmt_bridge | q }}
mgmt_veth={{ mgmt_veth | q }}
mgmt_address={{ mgmt_address | q }}
image={{ image_dir | q }}
dir={{ host_dir | q }}
authorized_keys={{ authorized_keys | q }}
shape_rate={{ shape_rate | q }}
nat_public={{ nat_public | q }}
nat_private={{ nat_private | q }}

if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
  echo "$name already running"
  exit 0
fi

ip netns list | grep -qx "$ns" || ip netns add "$ns"
ip -n "$ns" link set lo up
ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1
ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0

if ! ip -n "$ns" link show mgmt >/dev/null 2>&1; then
  ip link add "$mgmt_veth" type veth peer name mgmt netns "$ns"
fi
ip link set "$mgmt_veth" master "$mgmt_bridge"
# Isolated ports talk to the bridge (ferry) only, never to each other: the management
# segment must not become a shortcut around the sites' topology.
ip link set "$mgmt_veth" type bridge_slave isolated on
ip link set "$mgmt_veth" up
ip -n "$ns" addr replace "$mgmt_address" dev mgmt
ip -n "$ns" link set mgmt up

{{~ for l in links ~}}
if ! ip -n "$ns" link show {{ l.inner | q }} >/dev/null 2>&1; then
  ip -n "$fabric" link add {{ l.outer | q }} type veth peer name {{ l.inner | q }} netns "$ns"
fi
ip -n "$fabric" link set {{ l.outer | q }} master {{ l.bridge | q }} up
ip -n "$ns" addr replace {{ l.address | q }} dev {{ l.inner | q }}
ip -n "$ns" link set {{ l.inner | q }} up
{{~ if l.shaped ~}}
ip netns exec "$ns" tc qdisc replace dev {{ l.inner | q }} root tbf rate "$shape_rate" burst 256kb latency 50ms
ip netns exec "$fabric" tc qdisc replace dev {{ l.outer | q }} root tbf rate "$shape_rate" burst 256kb latency 50ms
{{~ end ~}}
{{~ end ~}}
{{~ for r in routes ~}}
ip -n "$ns" route replace {{ r.destination | q }} via {{ r.via | q }}
{{~ end ~}}
if [ -n "$nat_public" ]; then
  # The public address is a 1:1 NAT onto the private one, as on a cloud: services listen on the private address.
  ip netns exec "$ns" nft -f - <<NFT
table ip ferry_public
delete table ip ferry_public
table ip ferry_public {
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    iifname "wan" ip daddr $nat_public dnat to $nat_private
  }
}
NFT
fi

mkdir -p "$dir/upper" "$dir/work" "$dir/rootfs"
mountpoint -q "$dir/rootfs" || mount -t overlay overlay -o "lowerdir=$image,upperdir=$dir/upper,workdir=$dir/work" "$dir/rootfs"
root="$dir/rootfs"
echo "$name" >"$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 %s\n' "$name" >"$root/etc/hosts"
install -d -m 0700 "$root/root/.ssh"
printf '%s\n' "$authorized_keys" >"$root/root/.ssh/authorized_keys"
chmod 0600 "$root/root/.ssh/authorized_keys"
cat >"$root/etc/ssh/sshd_config.d/ferry.conf" <<'SSHD'
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
MaxSessions 64
MaxStartups 64:30:128
SSHD
install -m 0755 /dev/stdin "$root/usr/local/sbin/ferry-pid1" <<'PID1'
#!/bin/bash
# PID 1 of the host: starts sshd and reaps orphans until the host is stopped.
trap 'kill -TERM -1 2>/dev/null; exit 0' TERM INT
ssh-keygen -A >/dev/null
mkdir -p /run/sshd
/usr/sbin/sshd -E /var/log/sshd.log
touch /run/ferry-booted
while :; do sleep 3600 & wait $!; done
PID1
{{ include "partials/host-enter.sh" }}

rm -f "$root/run/ferry-booted"
launch_host
