#!/usr/bin/env bash
# Reports what the target has free (see partials/host-report.sh), then makes room for the containers:
# bundle, config, network namespace with the same address, an empty image directory, and whatever the
# strategy needs before the dump. Refuses (with exits.refused, having changed nothing) when one of the
# containers already exists here.
set -euo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

ids=(counter-counter)
# (partial) Reports what changes on this host between migrations: boot id (cached facts hold until it
# changes), free memory and disk, and the state of containers $ids as runc would name it (absent,
# running, stopped). Builtins and one df: it runs before every migration.
container_state() {
  local file="/run/runc/$1/state.json" json stat fields
  REPLY=absent
  [ -f "$file" ] || return 0
  REPLY=stopped
  read -r -d '' json <"$file" || true
  [[ $json =~ \"init_process_pid\":([0-9]+),\"init_process_start\":([0-9]+) ]] || return 0
  # runc's own test: the init process lives and is the same process (its start time), not a reused pid.
  read -r stat 2>/dev/null <"/proc/${BASH_REMATCH[1]}/stat" || return 0
  read -r -a fields <<<"${stat##*) }"
  [ "${fields[19]}" = "${BASH_REMATCH[2]}" ] && REPLY=running
  return 0
}
read -r boot </proc/sys/kernel/random/boot_id
out boot_id "$boot"
while read -r name value _; do
  if [ "$name" = MemAvailable: ]; then out mem_available_mb "$((value / 1024))"; break; fi
done </proc/meminfo
[ -d /var/lib/ferry/migrate ] || mkdir -p /var/lib/ferry/migrate
{ read -r _; read -r _ _ _ available _; } < <(df -Pm /var/lib/ferry/migrate)
out disk_available_mb "$available"
for id in "${ids[@]}"; do
  container_state "$id"
  out container".$id" "$REPLY"
done

# (partial) A move's own nftables rules on this host, one table each, named after one of the move's
# leased page-server ports, so that concurrent moves never touch each other's rules.
# guard_port PORT PEER…: only the PEERs may open TCP connections to PORT (criu's page server and lazy-pages
# server do not authenticate), until unguard_port PORT.
# count_sent KEY TARGET: counts the bytes this host itself sends to TARGET (rsync over ssh, page servers;
# not the containers' answers to their clients, which the host forwards), until sent_bytes KEY prints the
# count and removes the counter.
guard_port() {
  local port="$1" IFS=,
  shift
  unguard_port "$port"
  printf 'table ip ferry_port_%s {\n  chain input {\n    type filter hook input priority -5; policy accept;\n    tcp dport %s ip saddr != { %s } reject with tcp reset\n  }\n}\n' "$port" "$port" "$*" | nft -f -
}
unguard_port() { nft delete table ip "ferry_port_$1" 2>/dev/null || true; }
count_sent() {
  nft list table ip "ferry_sent_$1" >/dev/null 2>&1 && return 0
  printf 'table ip ferry_sent_%s {\n  chain output {\n    type filter hook output priority 0; policy accept;\n    ip daddr %s counter\n  }\n}\n' "$1" "$2" | nft -f -
}
sent_bytes() {
  local table
  table=$(nft list table ip "ferry_sent_$1" 2>/dev/null) || return 0
  nft delete table ip "ferry_sent_$1" 2>/dev/null || true
  if [[ $table =~ bytes\ ([0-9]+) ]]; then printf '%s' "${BASH_REMATCH[1]}"; fi
}

target=10.20.0.11; source=10.10.0.11
for id in "${ids[@]}"; do
  container_state "$id"
  if [ "$REPLY" != absent ]; then
    echo "container $id already exists on this host ($REPLY); refusing to overwrite it" >&2
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
# Databases hold POSIX locks on their files (MariaDB's InnoDB does): criu dumps and restores them.
# criu locks the container's network through libnftables, inside its own process, where the host's criu
# can: by default it runs iptables-restore and iptables, twice to lock and up to seven times to unlock,
# which took 123-166 ms of each restore on these hosts, between the tasks' restore and their resumption.
criu_conf=(skip-in-flight file-locks)
if criu check --feature network_lock_nftables >/dev/null 2>&1; then criu_conf+=("network-lock nftables"); fi
printf '%s\n' "${criu_conf[@]}" >"$bundle/criu.conf"

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

