# (partial) Writes $dir/enter: run in the host's fresh mount, pid, uts and ipc namespaces, it mounts the
# host's system directories under $root and pivots into it, then execs the host's PID 1. launch_host starts
# it in namespace $ns, in the background, and records the pid of unshare (which waits for it) in $dir/pid.
install -m 0755 /dev/stdin "$dir/enter" <<'ENTER'
#!/bin/bash
# Runs in the host's fresh mount namespace: mounts its system directories, then pivots into its root.
set -euo pipefail
root="$1"
hostname "$2"
mount --bind "$root" "$root"
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount --rbind /dev "$root/dev"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts"
mount --bind "$root/dev/pts/ptmx" "$root/dev/ptmx"
mount -t tmpfs -o mode=0755 tmpfs "$root/run"
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
mount -t tmpfs -o mode=0755 cgroup "$root/sys/fs/cgroup"
for controller in cpu cpuacct cpuset memory devices freezer blkio pids; do
  mkdir -p "$root/sys/fs/cgroup/$controller"
  mount -t cgroup -o "$controller" cgroup "$root/sys/fs/cgroup/$controller"
done
mkdir -p "$root/sys/fs/cgroup/systemd"
mount -t cgroup -o none,name=systemd cgroup "$root/sys/fs/cgroup/systemd"
mkdir -p "$root/.oldroot"
cd "$root"
pivot_root . .oldroot
umount -l /.oldroot
rmdir /.oldroot
exec /usr/local/sbin/ferry-pid1
ENTER
launch_host() {
  (
    # The host outlives whoever booted it: neither unshare nor the host may hold what that caller left
    # open (a lock file, a CI pipe). In this subshell the commands are parsed, so all of them can go.
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ] && [ -e "/proc/self/fd/$fd" ]; then exec {fd}>&-; fi
    done
    exec setsid ip netns exec "$ns" unshare --mount --pid --uts --ipc --fork --kill-child --propagation private \
      "$dir/enter" "$root" "$name"
  ) >"$dir/boot.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
}
