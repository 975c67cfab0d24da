#!/usr/bin/env bash
# Podman baseline, on both hosts: the application's image (the same skeleton root file system, app files
# and host /usr and /etc mounts as ferry's container, imported as a local image, as a registry pull would
# leave it) and the container's network namespace with its address. Idempotent.
# A checkpoint restores only onto the very image it was taken from (same ID, as a registry pull gives every
# host), so the first host builds the image and pushes it to its peers, which load it.
set -euo pipefail
umask 077
# (partial) pm …: Podman as these hosts can run it: root, cgroup v1 through cgroupfs (no systemd), vfs
# storage (the host's root is already an overlay), events in a file, and the same runc as ferry's containers.
pm() {
  PODMAN_IGNORE_CGROUPSV1_WARNING=1 podman --storage-driver vfs --cgroup-manager cgroupfs --events-backend file --runtime runc "$@"
}

# (partial) rsync to another workload over ssh with the stack's peer key and pinned host keys, logged in as the
# inventory's user; rsync runs there under sudo unless that user is root.
peer_rsync() {
  local user rsync_path=rsync
  user=$(cat /root/.ssh/ferry_peer_user)
  [ "$user" = root ] || rsync_path="sudo -n rsync"
  rsync -a --inplace --stats --rsync-path="$rsync_path" \
    -e "ssh -i /root/.ssh/ferry_peer -l $user -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=5 -o ControlMaster=auto -o ControlPath=/run/ferry-cm-%C -o ControlPersist=60" \
    "$@"
}
# Prints rsync's "Total bytes sent" as a ferry metric.
rsync_bytes() { awk -F': ' '/Total bytes sent/ {gsub(",", "", $2); print $2}'; }

archives=/var/lib/ferry/podman/archives
mkdir -p "$archives"
id=counter-counter; image=localhost/ferry-counter-counter:baseline; skeleton=/var/lib/ferry/podman/skeleton/counter-counter
netns=ctr-counter-counter; veth=fcfc000a; address=10.252.0.10; gateway=10.252.0.1
saved="$archives/$id.image.tar"
pm rmi -f "$image" >/dev/null 2>&1 || true
pm load -q -i "$saved" >/dev/null
rm -f "$saved"
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

echo "$id: image $image and namespace $netns ready"
