#!/usr/bin/env bash
# Points this host's routes for the application's addresses at the target; on the host that checks
# (the front), waits until every container answers through the new route as its clients need it to (its
# health check: the end of the downtime; the containers' checks side by side), then lets held requests go.
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

# (partial) app_route ADDRESS VIA TUNNEL: queues this host's route for one application address;
# app_routes_apply puts every queued route in place with one ip. With TUNNEL=yes VIA is the far site's
# gateway and the address is reached through the IPsec tunnel: user-space ESP's device where charon runs
# it; with kernel ESP the policies take whatever is routed towards the peer, directly where the peer is on
# this host's link (the local cloud), through the router otherwise (a cloud, behind 1:1 NAT). Tests are
# builtins and one ip sets every route: an exec cost 20-75 ms on a gateway busy with ESP (five of them put
# a gateway's routes 0.25 s behind the restore), and the front's check waits for every router's route.
app_routes=()
app_route() {
  local path
  no_redirects
  if [ "$3" = yes ] && [ -e /proc/sys/net/ipv4/conf/ipsec0 ]; then
    app_routes+=("route replace $1/32 dev ipsec0")
  elif [ "$3" = yes ] && path=$(ip -4 route get "$2" 2>/dev/null) && [[ "$path" =~ " via "([0-9.]+) ]]; then
    app_routes+=("route replace $1/32 via ${BASH_REMATCH[1]}")
  else
    app_routes+=("route replace $1/32 via $2")
  fi
}
app_routes_apply() {
  (( ${#app_routes[@]} == 0 )) || printf '%s\n' "${app_routes[@]}" | ip -batch -
  app_routes=()
}
# Routes move while a cut-over runs on every router at once. A gateway still routing an address into its own
# subnet would answer the front's first packets with an ICMP redirect to the old host, and the front would
# follow it instead of its new route: hosts that route applications neither send nor accept redirects, and
# forget any they took (flushing the route cache drops learned redirects; a write, as `ip route flush
# cache` does it, without the exec).
no_redirects() {
  [ -z "${ferry_no_redirects:-}" ] || return 0
  local f
  for f in /proc/sys/net/ipv4/conf/*/accept_redirects /proc/sys/net/ipv4/conf/*/send_redirects; do
    echo 0 >"$f"
  done
  echo -1 >/proc/sys/net/ipv4/route/flush
  ferry_no_redirects=done
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

app_route 10.252.0.10 10.20.0.11 no
app_routes_apply
