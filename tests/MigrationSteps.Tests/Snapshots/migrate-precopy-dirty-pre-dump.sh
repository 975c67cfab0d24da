#!/usr/bin/env bash
# Pre-copy while the application keeps running: the strategy dumps its memory, which is shipped with
# the container's files to the target, so the final transfer sends only what changed.
set -euo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

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

# (partial) shielded PIDFILE COMMAND…: runs a criu dump (through runc) in a session of its own, out of the
# OOM killer's reach (where root may lower oom_score_adj: the local cloud's hosts lack CAP_SYS_RESOURCE),
# writes its pid to PIDFILE and waits for it. criu killed while its code runs inside a task (the parasite,
# or a system call it injects) kills that task, and a dump cut short has written nothing to restore it
# from: the application would be lost. A step that is killed (its time limit, ferry interrupted) loses its
# own session only; the dump ends on its own, and rollback-source waits for it. Its output goes to a file
# beside PIDFILE (it must not hold the step's channel open), then to stderr. It costs 6-8 ms of the freeze
# (an exec and an rm, on hosts where a fork and exec take 3.5-4.5 ms).
shielded() {
  local pidfile=$1 status=0
  shift
  (echo -1000 >/proc/self/oom_score_adj 2>/dev/null || true; exec setsid "$@") </dev/null >"$pidfile.out" 2>&1 &
  echo "$!" >"$pidfile"
  wait "$!" || status=$?
  if [ -s "$pidfile.out" ]; then cat "$pidfile.out" >&2; fi
  rm -f "$pidfile" "$pidfile.out"
  return "$status"
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

target=10.20.0.11; move=27100
progress_meter "$target" pre-copy </dev/null 2>&1 &
meter=$!
# The meter must not outlive the script, or it holds the step's channel open.
on_exit() {
  local status=$?
  kill "$meter" 2>/dev/null || true
  if [ "$status" != 0 ]; then out sent_to_target "$(sent_bytes "$move")"; fi
}
trap on_exit EXIT
count_sent "$move" "$target"
total=0
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; pre="$images.pre"
rm -rf "$pre"
mkdir -p "$pre"
cd "$bundle"
# (strategy partial) With dirty-memory tracking: a criu pre-dump of $id (it keeps running), shipped as
# the parent of the final dump.
shielded "$pre/dump.pid" runc checkpoint --pre-dump --image-path "$pre" --work-path "$pre" "$id"
sent=$(peer_rsync "$pre/" "$target:$images.pre/" | rsync_bytes)

# The application runs: a file it removes meanwhile (a database's temporary table) vanishes under rsync
# (exit 24), which is no failure here; the transfer, frozen, sends the files as they are then.
files=$( { peer_rsync --delete "$bundle/rootfs/" "$target:$bundle/rootfs/" || [ $? = 24 ]; } | rsync_bytes)
total=$((total + sent + files))
kill "$meter" 2>/dev/null || true
out bytes_sent "$total"
