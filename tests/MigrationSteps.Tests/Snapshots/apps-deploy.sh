#!/usr/bin/env bash
# Creates an application's containers on this host: root file system (the host's /usr and /etc
# mounted read-only, its own writable rest), files, network namespace and address; starts each and
# waits until it answers. A container already running is left alone.
set -euo pipefail
umask 077
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

id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; netns=ctr-counter-counter; veth=fcfc000a; address=10.252.0.10; gateway=10.252.0.1; port=8080
if runc state "$id" 2>/dev/null | grep -q '"status": "running"'; then
  echo "$id is already running"
else
  runc delete -f "$id" >/dev/null 2>&1 || true
  mkdir -p "$bundle/rootfs"
  (
    cd "$bundle/rootfs"
    mkdir -p proc sys dev tmp run usr etc root data var/tmp
    for link in bin:usr/bin lib:usr/lib lib64:usr/lib64 sbin:usr/sbin; do ln -sfn "${link#*:}" "${link%%:*}"; done
    chmod 1777 tmp var/tmp
  )
  mkdir -p "$(dirname "$bundle/rootfs"/app/counter.py)"
  printf '%s' aW1wb3J0IGh0dHAuc2VydmVyCmNvdW50ID0gMApjbGFzcyBIYW5kbGVyKGh0dHAuc2VydmVyLkJhc2VIVFRQUmVxdWVzdEhhbmRsZXIpOgogICAgcHJvdG9jb2xfdmVyc2lvbiA9ICJIVFRQLzEuMSIKICAgIGRlZiBkb19HRVQoc2VsZik6CiAgICAgICAgZ2xvYmFsIGNvdW50CiAgICAgICAgaWYgc2VsZi5wYXRoICE9ICIvcGVlayI6CiAgICAgICAgICAgIGNvdW50ICs9IDEKICAgICAgICBib2R5ID0gZiJ7Y291bnR9XG4iLmVuY29kZSgpCiAgICAgICAgc2VsZi5zZW5kX3Jlc3BvbnNlKDIwMCkKICAgICAgICBzZWxmLnNlbmRfaGVhZGVyKCJDb250ZW50LUxlbmd0aCIsIHN0cihsZW4oYm9keSkpKQogICAgICAgIHNlbGYuZW5kX2hlYWRlcnMoKQogICAgICAgIHNlbGYud2ZpbGUud3JpdGUoYm9keSkKICAgIGRlZiBsb2dfbWVzc2FnZShzZWxmLCAqYXJncyk6CiAgICAgICAgcGFzcwpodHRwLnNlcnZlci5UaHJlYWRpbmdIVFRQU2VydmVyLmRhZW1vbl90aHJlYWRzID0gVHJ1ZQpodHRwLnNlcnZlci5UaHJlYWRpbmdIVFRQU2VydmVyLnJlcXVlc3RfcXVldWVfc2l6ZSA9IDEyOApodHRwLnNlcnZlci5UaHJlYWRpbmdIVFRQU2VydmVyKCgiMC4wLjAuMCIsIDgwODApLCBIYW5kbGVyKS5zZXJ2ZV9mb3JldmVyKCkK | base64 -d >"$bundle/rootfs"/app/counter.py
  chmod 0644 "$bundle/rootfs"/app/counter.py
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
    "cgroupsPath": "/ferry-unit/aws-w1/counter-counter",
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

# (partial) Starts runc with pipes on every stdio side: criu cannot dump a process whose stdio points
# at a file outside its mount namespace. The holders (sleep, cat) live in their own session. Needs wait.sh.
cd "$bundle"
rm -f run.status holder.pid
# The holder names its own session first thing: a script killed right after starting it has no time to.
setsid sh -c 'echo $$ >holder.pid; sleep infinity | { runc run -d --bundle . "$1"; echo $? > run.status; } 2>&1 | cat >> log' sh "$id" </dev/null >/dev/null 2>&1 &
wait_for 10 "runc run of $id" test -s run.status || true
if [ "$(cat run.status 2>/dev/null)" != 0 ]; then
  echo "runc run $id failed:" >&2
  tail -n 20 log >&2
  exit 1
fi

fi
health_http=/peek; health_send=''; health_expect=''
# (partial) Waits until container $id answers its health check (see app-answers.sh); needs wait.sh. A try
# starts every quarter second (every second after the fourth, so that a slow application is not flooded),
# each with its full time, and the first answer counts: one whose first SYN is lost on a route just
# switched would otherwise wait out TCP's 1 s retransmission (a cut-over's check took 1.07 s so, twice in
# one bench), while an application slow to answer its first request still gets the time it needs. Tries
# report on a pipe this shell reads with a timeout, so an answer ends the wait at once: an anonymous one,
# opened read-write through a process substitution's /dev/fd (mktemp and mkfifo were two execs, 20-40 ms
# each on a loaded host). Once one has answered or the time is up, the tries still waiting are stopped
# with their children, off the downtime's path.
# (partial) app_answers: whether container $id answers as its clients need it to on $address:$port within
# 2 s: an HTTP GET of $health_http answered 200, or $health_send answered with a line starting with
# $health_expect; with neither declared, an accepted TCP connection.
app_answers() {
  if [ -n "$health_http" ]; then
    [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$address:$port$health_http" 2>/dev/null)" = 200 ]
  elif [ -n "$health_send" ]; then
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "%s" "$2" >&3 && IFS= read -r reply <&3 && [[ "$reply" == "$3"* ]]' \
      "$address" "$port" "$health_send" "$health_expect" 2>/dev/null
  else
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$address" "$port" 2>/dev/null
  fi
}
# app_answers_try: the same check for a try that its caller ends (wait-answer.sh): a connection in this
# shell, with no timeout and no second bash to start (two execs, 20-50 ms on a host under load, inside the
# downtime); the answer still has its 2 s.
app_answers_try() {
  if [ -n "$health_http" ]; then
    app_answers
  elif [ -n "$health_send" ]; then
    local reply
    { printf '%s' "$health_send" >&3 && IFS= read -r -t 2 reply <&3 && [[ "$reply" == "$health_expect"* ]]; } 3<>"/dev/tcp/$address/$port"
  else
    { :; } 3<>"/dev/tcp/$address/$port"
  fi
}

if [ -n "$port" ]; then
  answer_pids=(); answered=0
  exec {answers}<> <(:)
  answers_soon() {
    { app_answers_try && echo yes >&"$answers"; } </dev/null >/dev/null 2>&1 &
    answer_pids+=("$!")
    local wait=0.25
    (( ${#answer_pids[@]} < 4 )) || wait=1
    read -r -t "$wait" -u "$answers" _
  }
  wait_for 30 "$id to answer on $address:$port" answers_soon && answered=1
  exec {answers}>&-
  { set +e; for pid in "${answer_pids[@]}"; do pkill -P "$pid"; kill "$pid"; done; } </dev/null >/dev/null 2>&1 &
  [ "$answered" = 1 ]
fi

echo "$id running at $address"
