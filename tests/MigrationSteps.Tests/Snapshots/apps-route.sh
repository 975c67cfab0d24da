#!/usr/bin/env bash
# Points this host's route for application addresses at the host that runs them now.
set -euo pipefail
umask 077
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

app_route 10.252.0.10 203.0.113.1 no
app_routes_apply
