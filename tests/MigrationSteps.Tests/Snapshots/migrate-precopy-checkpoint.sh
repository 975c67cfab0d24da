#!/usr/bin/env bash
# Freezes and dumps the containers, which stay frozen on the source until the move has succeeded or been
# rolled back. From here until the restore answers, the application is down.
set -euo pipefail
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

# (partial) freezer_of ID: sets $freezer to the freezer.state file of container ID's cgroup, from runc's
# state; fails, saying so, if runc has none. Writing it freezes or thaws the container without a fork:
# `runc pause` and `runc resume` take 25-30 ms each on these hosts.
freezer_of() {
  local state_json=
  read -r -d '' state_json <"/run/runc/$1/state.json" || true
  if ! [[ $state_json =~ \"freezer\":\"([^\"]+)\" ]]; then
    echo "no freezer cgroup for $1 in runc's state; cannot freeze it" >&2
    return 1
  fi
  freezer="${BASH_REMATCH[1]}/freezer.state"
}
frozen() { local state; read -r state <"$freezer"; [ "$state" = FROZEN ]; }

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

source_ip=10.10.0.11; target=10.20.0.11; move=27100
page_ports=(27100)
# A failed dump leaves the source running and nothing to roll back: its rules go now, with what it sent.
on_exit() {
  local status=$?
  if [ "$status" != 0 ]; then
    for p in "${page_ports[@]}"; do unguard_port "$p"; done
    out sent_to_target "$(sent_bytes "$move")"
  fi
}
# (partial) The step's gate. The engine arms a step while the one before it runs: the script is sent, sshd
# and bash start it, and it runs up to here, all off the freeze's path (30-110 ms a step on these hosts,
# most on a front busy with 400 clients). Here it waits for the engine's "go" on the channel's stdin (fd
# $ferry_gate) and ends at once, having done nothing, when it reads end of file instead: a step before it
# failed. Above the gate a script only defines and reads; a script that was not armed passes straight on.
if [ -n "${ferry_gate:-}" ]; then
  ferry_go=
  IFS= read -r -u "$ferry_gate" ferry_go || true
  exec {ferry_gate}<&-
  [ "$ferry_go" = go ] || exit 75
  ferry_gate=
fi

trap on_exit EXIT
count_sent "$move" "$target"
out freeze_start "$EPOCHREALTIME"
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; netns=ctr-counter-counter; page_port=27100
cd "$bundle"
mkdir -p "$images"
# Connections not yet accepted cannot be dumped: criu drops them, and a client whose request the kernel
# already acknowledged then waits for an answer that never comes. New connections are turned away first
# (the front tries again, see haproxy.cfg), so that none can land in a listen queue after the drain; then
# the application gets a moment to accept what is queued and to finish handshakes parked in SYN-RECV.
# nsenter, not ip netns exec, here and in the freeze: 4-15 ms a call against 12-45 ms (ip also remounts /sys
# for the namespace, which nft and ss have no use for).
nsenter --net="/run/netns/$netns" nft -f - <<'NFT'
table inet ferry_hold {
  chain input { type filter hook input priority -300; policy accept; tcp flags & (syn | ack) == syn drop; }
}
NFT
drained() {
  local state queued _
  while read -r state queued _; do
    [ "$state" = SYN-RECV ] && return 1
    [ "$queued" = 0 ] || return 1
  done < <(nsenter --net="/run/netns/$netns" ss -Htan state listening state syn-recv)
}
wait_for 2 "the listen queues of $id to drain" drained || true
# (partial) Freezes container $id through its cgroup freezer (a write, no fork) and cuts its network
# namespace off, before the strategy dumps it with --leave-running: criu puts a frozen cgroup back to
# frozen when it lets go, so the source keeps the application exactly as it was at the freeze until the
# move has succeeded (cleanup-source kills it then) or failed (rollback-source thaws it). A dump that
# fails part-way leaves every container frozen, none killed. criu unlocks the network when it lets go of
# running tasks; the ferry_hold table (begun by checkpoint.sh to turn away new connections) keeps the
# frozen copy from acknowledging anything a client sends it. Reports what freezing and cutting off cost (µs), which lengthens the freeze. Needs wait.sh, freezer.sh and out.sh.
freeze_begun=${EPOCHREALTIME//[.,]/}
freezer_of "$id" || exit 1
echo FROZEN >"$freezer"
wait_for 3 "the freezer to stop $id" frozen
nsenter --net="/run/netns/$netns" nft -f - <<'NFT'
table inet ferry_hold {
  chain input { type filter hook input priority -300; policy drop; }
  chain output { type filter hook output priority -300; policy drop; }
}
NFT
out freeze_cost_us".$id" "$(( ${EPOCHREALTIME//[.,]/} - freeze_begun ))"

# (strategy partial) Dumps the frozen container $id into $images; it stays frozen (partials/freeze.sh).
shielded "$images/dump.pid" runc checkpoint --leave-running --tcp-established --image-path "$images" --work-path "$images" "$id"

out dumped".$id" yes
if [ -f "$images/stats-dump" ]; then out criu_stats_dump".$id" "$(base64 -w0 "$images/stats-dump")"; fi
out checkpoint_end "$EPOCHREALTIME"
