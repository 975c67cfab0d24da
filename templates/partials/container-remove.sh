# (partial) Removes a container and everything made for it on this host. Safe when parts are gone; needs wait.sh.
runc kill "$id" KILL >/dev/null 2>&1 || true
# A frozen container (a post-copy source) dies only once thawed.
runc resume "$id" >/dev/null 2>&1 || true
stopped() { ! runc state "$id" 2>/dev/null | grep -q '"status": "running"'; }
wait_for {{ limits.stop | q }} "$id to stop" stopped || true
runc delete -f "$id" >/dev/null 2>&1 || true
if [ -f "$bundle/holder.pid" ]; then
  holder=$(cat "$bundle/holder.pid")
  pkill -KILL -s "$holder" 2>/dev/null || true
  holders_gone() { ! pgrep -s "$holder" >/dev/null; }
  wait_for {{ limits.stop | q }} "the holders of $id to end" holders_gone || true
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
  wait_for {{ limits.stop | q }} "the cgroup of $id to empty" cgroup_gone || true
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
wait_for {{ limits.stop | q }} "runc's state of $id to go" runc_state_gone 2>/dev/null || true
if [ -e "/run/netns/$netns" ]; then ip netns del "$netns"; fi
ip link del "$veth" >/dev/null 2>&1 || true
rm -rf "$bundle"
rmdir "$(dirname "$bundle")" 2>/dev/null || true
