#!/usr/bin/env bash
# Makes room for the containers on the target: bundle, config, network namespace with the same
# address, an empty image directory, and whatever the strategy needs before the dump. Refuses (with
# exits.refused, having changed nothing) when one of the containers already exists here.
set -euo pipefail
target=10.20.0.11
for id in counter-counter; do
  if runc state "$id" >/dev/null 2>&1; then
    echo "container $id already exists on this host; refusing to overwrite it" >&2
    exit 3
  fi
done
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; netns=ctr-counter-counter; veth=fcfc000a; address=10.252.0.10; gateway=10.252.0.1; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; page_port=27100
rm -rf "$images"
mkdir -p "$images" "$bundle/rootfs"
printf '%s' '{
  "ociVersion": "1.0.2",
  "process": {
    "terminal": false,
    "user": { "uid": 0, "gid": 0 },
    "args": ["python3","-u","/app/counter.py"],
    "env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","HOME=/root"],
    "cwd": "/",
    "capabilities": {
      "bounding": ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_NET_BIND_SERVICE"],
      "effective": ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_NET_BIND_SERVICE"],
      "permitted": ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_NET_BIND_SERVICE"]
    },
    "noNewPrivileges": true
  },
  "root": { "path": "rootfs", "readonly": false },
  "annotations": { "org.criu.config": "/var/lib/ferry/apps/counter/counter/criu.conf" },
  "hostname": "counter",
  "mounts": [
    { "destination": "/proc", "type": "proc", "source": "proc" },
    { "destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"] },
    { "destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"] },
    { "destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
    { "destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"] },
    { "destination": "/usr", "type": "bind", "source": "/usr", "options": ["rbind", "ro"] },
    { "destination": "/etc", "type": "bind", "source": "/etc", "options": ["rbind", "ro"] }
  ],
  "linux": {
    "cgroupsPath": "/ferry-unit/gcp-w1/counter-counter",
    "resources": { "memory": { "limit": 134217728 } },
    "namespaces": [
      { "type": "pid" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" },
      { "type": "network", "path": "/run/netns/ctr-counter-counter" }
    ],
    "maskedPaths": ["/proc/kcore", "/proc/keys", "/proc/timer_list"],
    "readonlyPaths": ["/proc/sys", "/proc/sysrq-trigger"]
  }
}
' >"$bundle/config.json"
# (partial) CRIU options for the container that runc has no flag for (config.json points at this file).
# A connection still in the listen backlog cannot be dumped; it is dropped and the front retries it.
printf '%s\n' skip-in-flight >"$bundle/criu.conf"

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

