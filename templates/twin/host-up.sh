#!/usr/bin/env bash
# Boots one twin host the way a cloud boots an instance: one interface with the private address and a default
# route to the site's VPC router, the host image with Debian's cloud-init, a NoCloud seed holding the exact
# user-data rendered for its cloud and the admin's key as the instance's public key, and cloud-init's stages
# run at boot (sshd starts after cloud-init's init stage, as ssh.service does on a cloud image).
set -euo pipefail
name={{ name | q }}
ns={{ netns | q }}
fabric={{ fabric_ns | q }}
veth={{ veth | q }}
bridge={{ bridge | q }}
address={{ address | q }}
gateway={{ gateway | q }}
mtu={{ mtu | q }}
lower={{ lower_dirs | q }}
dir={{ host_dir | q }}

if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
  echo "$name already running"
  exit 0
fi

ip netns list | awk '{print $1}' | grep -qx "$ns" || ip netns add "$ns"
ip -n "$ns" link set lo up
if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
  ip -n "$fabric" link add "$veth" type veth peer name eth0 netns "$ns"
fi
ip -n "$fabric" link set "$veth" master "$bridge" mtu "$mtu" up
ip -n "$ns" link set eth0 mtu "$mtu"
ip -n "$ns" addr replace "$address" dev eth0
ip -n "$ns" link set eth0 up
ip -n "$ns" route replace default via "$gateway" dev eth0

mkdir -p "$dir/upper" "$dir/work" "$dir/rootfs"
mountpoint -q "$dir/rootfs" || mount -t overlay overlay -o "lowerdir=$lower,upperdir=$dir/upper,workdir=$dir/work" "$dir/rootfs"
root="$dir/rootfs"
printf '127.0.0.1 localhost\n127.0.1.1 %s\n' "$name" >"$root/etc/hosts"
install -d -m 0755 "$root/var/lib/cloud/seed/nocloud"
printf '%s\n' {{ user_data | q }} >"$root/var/lib/cloud/seed/nocloud/user-data"
{
  printf 'instance-id: %s\n' {{ instance_id | q }}
  printf 'local-hostname: %s\n' "$name"
  printf 'public-keys:\n  - "%s"\n' {{ public_key | q }}
} >"$root/var/lib/cloud/seed/nocloud/meta-data"
cat >"$root/etc/cloud/cloud.cfg.d/90-ferry-twin.cfg" <<'CFG'
# A ferry twin: the NoCloud seed above is this instance's metadata; its address is set like a cloud's DHCP would.
datasource_list: [ NoCloud ]
network: { config: disabled }
CFG
install -m 0755 /dev/stdin "$root/usr/local/sbin/ferry-pid1" <<'PID1'
#!/bin/bash
# PID 1 of the twin host: cloud-init's boot stages, sshd, then reaps orphans until the host is stopped.
trap 'kill -TERM -1 2>/dev/null; exit 0' TERM INT
log=/var/log/ferry-boot.log
{ cloud-init init --local && cloud-init init && cloud-init modules --mode config; } >>"$log" 2>&1
mkdir -p /run/sshd
/usr/sbin/sshd -E /var/log/sshd.log
cloud-init modules --mode final </dev/null >>"$log" 2>&1 &
while :; do sleep 3600 & wait $!; done
PID1
{{ include "partials/host-enter.sh" }}

launch_host
