#!/usr/bin/env bash
# After a successful move: waits until the strategy is done with the source (a post-copy source serves
# its last page), then removes the containers (a post-copy source's frozen tasks with them), network
# namespaces, bundles and images. Fails, naming it, when something could not be removed.
set -uo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

# (partial) wait_for SECONDS WHAT COMMAND…: runs COMMAND until it succeeds, every 5 ms for its first 20 tries
# (most waits inside a freeze end within 100 ms), every 20 ms after; once SECONDS have passed, says what it
# waited for on stderr and fails.
wait_for() {
  local limit="$1" what="$2"; shift 2
  local deadline=$(( ${EPOCHREALTIME//[.,]/} + limit * 1000000 )) pause=0.005 tries=0
  until "$@"; do
    if (( ${EPOCHREALTIME//[.,]/} >= deadline )); then
      echo "timed out after ${limit}s waiting for $what" >&2
      return 1
    fi
    (( ++tries < 20 )) || pause=0.02
    nap "$pause"
  done
}
# nap SECONDS: sleeps without a fork (a forked sleep costs 3-4 ms of CPU here, on every try): a read with a
# timeout on a fifo that no one writes to, made at the first nap (a forked sleep if it cannot be).
nap() {
  if [ -z "${nap_fd:-}" ]; then
    local fifo="/run/ferry-nap.$BASHPID"
    if mkfifo -m 600 "$fifo" 2>/dev/null; then exec {nap_fd}<>"$fifo"; rm -f "$fifo"; else nap_fd=-; fi
  fi
  if [ "$nap_fd" = - ]; then sleep "$1"; else read -r -t "$1" -u "$nap_fd" _ || true; fi
}
# wait_written SECONDS WHAT FILE FIFO: waits until FILE is written, woken at once by the line its writer puts
# on FIFO (made beforehand with mkfifo) after it, not at the next 20 ms poll; fails as wait_for does. The
# writer opens FIFO read-write (`echo 1<>FIFO`), so that it never blocks, even with no one waiting.
wait_written() {
  local limit="$1" what="$2" file="$3" fifo="$4" fd written=1
  exec {fd}<>"$fifo"
  [ -s "$file" ] || read -r -t "$limit" -u "$fd" _ || written=0
  exec {fd}>&-
  [ "$written" = 1 ] || { echo "timed out after ${limit}s waiting for $what" >&2; return 1; }
}

# (partial) unmount_under DIR: unmounts whatever is mounted on or below DIR, deepest first (a criu killed
# mid-restore leaves its cgroup yard mounted in the images directory, which rm cannot remove; the hybrid
# strategy's dump goes to a tmpfs mounted on it).
unmount_under() {
  awk -v dir="$1" '$2 == dir || index($2, dir "/") == 1 { print $2 }' /proc/mounts | sort -r | while read -r mount; do umount -l "$mount" 2>/dev/null; done
}

# (partial) Bytes this host has sent on the interface that routes to the target.
tx_bytes() { cat "/sys/class/net/$(ip -o route get "$1" | awk '{for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1)}')/statistics/tx_bytes"; }

# (partial) progress_meter TARGET WHAT: once a second, prints how many bytes this host has sent towards
# TARGET since it started and at what rate, as "progress WHAT: …" lines ferry shows live. Needs tx-bytes.sh;
# start it in the background and kill it when the work is done.
progress_meter() {
  local start last now
  start=$(tx_bytes "$1") || return 0
  last=$start
  # sleep gets no handle on the step's output: killed with the meter or not, it must not hold the step
  # open until its second is up (that rounded every transfer up to the meter's next whole second).
  while sleep 1 </dev/null >/dev/null 2>&1; do
    now=$(tx_bytes "$1") || return 0
    printf 'progress %s: %d MB sent, %d.%d MB/s\n' "$2" $(( (now - start) / 1000000 )) $(( (now - last) / 1000000 )) $(( (now - last) % 1000000 / 100000 ))
    last=$now
  done
}

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

left=()
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; netns=ctr-counter-counter; veth=fcfc000a; images=/var/lib/ferry/migrate/20261122-023000-counter/counter
# (strategy partial) After post-copy succeeded the source's dump has served its last page and ends
# within moments; its exit status says whether it did (unknown when the dump is gone without one). The
# wrapper's pid, not runc's command line, says whether it is gone: runc exits a moment before its wrapper
# writes the exit status.
source_done() { [ -s "$images/checkpoint.exit" ] || ! kill -0 "$(cat "$images/checkpoint.pid" 2>/dev/null)" 2>/dev/null; }
progress_meter 10.20.0.11 "lazy pages of $id served to the target" </dev/null 2>&1 &
meter=$!
if wait_for 30 "the post-copy source of $id to serve its last page" source_done; then
  out lazy_source_done_at "$EPOCHREALTIME"
  status=unknown
  [ -s "$images/checkpoint.exit" ] && read -r status <"$images/checkpoint.exit"
  out lazy_source_exit".$id" "$status"
else
  pkill -KILL -s "$(cat "$images/checkpoint.pid")" 2>/dev/null
fi
kill "$meter" 2>/dev/null || true

unguard_port 27100
# (partial) Removes a container and everything made for it on this host. Safe when parts are gone; needs wait.sh.
runc kill "$id" KILL >/dev/null 2>&1 || true
# A frozen container (a post-copy source) dies only once thawed.
runc resume "$id" >/dev/null 2>&1 || true
stopped() { ! runc state "$id" 2>/dev/null | grep -q '"status": "running"'; }
wait_for 3 "$id to stop" stopped || true
runc delete -f "$id" >/dev/null 2>&1 || true
if [ -f "$bundle/holder.pid" ]; then
  holder=$(cat "$bundle/holder.pid")
  pkill -KILL -s "$holder" 2>/dev/null || true
  holders_gone() { ! pgrep -s "$holder" >/dev/null; }
  wait_for 3 "the holders of $id to end" holders_gone || true
fi
# Tasks runc does not know of (a restore killed midway leaves its half-restored tasks) still hold the
# container's cgroup, and the next restore here fails on it: killed (thawed, so the kill lands), then removed.
cgroups_path=$(sed -n 's/^ *"cgroupsPath": "\(.*\)",*$/\1/p' "$bundle/config.json" 2>/dev/null)
if [ -n "$cgroups_path" ]; then
  cgroup_dirs() { for hierarchy in /sys/fs/cgroup/*/; do [ -d "$hierarchy${cgroups_path#/}" ] && echo "$hierarchy${cgroups_path#/}"; done; }
  for dir in $(cgroup_dirs); do
    xargs -r kill -KILL <"$dir/tasks" 2>/dev/null
    if [ -f "$dir/freezer.state" ]; then echo THAWED >"$dir/freezer.state" 2>/dev/null; fi
  done
  cgroup_gone() { for dir in $(cgroup_dirs); do rmdir "$dir" 2>/dev/null || return 1; done; }
  wait_for 3 "the cgroup of $id to empty" cgroup_gone || true
fi
# A runc restore killed midway leaves its state directory behind, at times with no state in it (runc list
# does not show it) or one naming tasks that were still there at the first delete; the next restore of
# $id here then fails with "container with given ID already exists". With every task of it gone (its
# cgroup removed), runc delete removes it, and what runc cannot load goes by hand.
# A runc still at work on it (started by a step killed before it could say so) would make it again: ended first.
# A runc restore killed while criu ran leaves the container's root file system bind-mounted at criu-root in
# that directory: unmounted before anything there is removed (rm would delete the files through it, and
# fail on the mount point, which kept the directory).
pkill -KILL -f -- "^runc .*--bundle \. $id\$" 2>/dev/null || true
state_unmounted() {
  local mount
  for mount in $(awk -v under="/run/runc/$id/" 'index($2, under) == 1 { print $2 }' /proc/self/mounts | sort -r); do
    umount -l "$mount" 2>/dev/null || true
  done
}
runc_state_gone() {
  runc delete -f "$id" >/dev/null 2>&1
  if [ -d "/run/runc/$id" ] && [ -n "$cgroups_path" ] && cgroup_gone; then
    state_unmounted
    rm -rf --one-file-system "/run/runc/$id"
  fi
  [ ! -d "/run/runc/$id" ]
}
wait_for 3 "runc's state of $id to go" runc_state_gone 2>/dev/null || true
if [ -e "/run/netns/$netns" ]; then ip netns del "$netns"; fi
ip link del "$veth" >/dev/null 2>&1 || true
rm -rf "$bundle"
rmdir "$(dirname "$bundle")" 2>/dev/null || true

unmount_under "$images"; unmount_under "$images.pre"
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null
runc state "$id" >/dev/null 2>&1 && left+=("container $id")
[ -e "/run/netns/$netns" ] && left+=("network namespace $netns")
[ -e "$bundle" ] && left+=("$bundle")
[ -e "$images" ] && left+=("$images")
out sent_to_target "$(sent_bytes 27100)"
if [ "${#left[@]}" -gt 0 ]; then
  out left "${left[*]}"
  echo "could not remove from $(hostname): ${left[*]}" >&2
  exit 1
fi
