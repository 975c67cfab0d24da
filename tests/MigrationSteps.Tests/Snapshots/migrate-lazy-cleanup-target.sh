#!/usr/bin/env bash
# Waits until the strategy is done on the target (a post-copy target fetches its last page and reports
# how that ended), then removes the image directories once nothing reads them, and stops any page server
# left from a failed run.
set -uo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

# (partial) wait_for SECONDS WHAT COMMAND…: runs COMMAND every 20 ms until it succeeds; once SECONDS
# have passed, says what it waited for on stderr and fails.
wait_for() {
  local limit="$1" what="$2"; shift 2
  local deadline=$(( ${EPOCHREALTIME//[.,]/} + limit * 1000000 ))
  until "$@"; do
    if (( ${EPOCHREALTIME//[.,]/} >= deadline )); then
      echo "timed out after ${limit}s waiting for $what" >&2
      return 1
    fi
    sleep 0.02
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

id=counter-counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; address=10.252.0.10; port=8080
health_http=/peek; health_send=''; health_expect=''
# (partial) app_answers: whether container $id answers as its clients need it to on $address:$port: an
# HTTP GET of $health_http answered 200, or $health_send answered with a line starting with
# $health_expect; with neither declared, an accepted TCP connection.
app_answers() {
  if [ -n "$health_http" ]; then
    [ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://$address:$port$health_http" 2>/dev/null)" = 200 ]
  elif [ -n "$health_send" ]; then
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "%s" "$2" >&3 && IFS= read -r -t 1 reply <&3 && [[ "$reply" == "$3"* ]]' \
      "$address" "$port" "$health_send" "$health_expect" 2>/dev/null
  else
    timeout 0.5 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$address" "$port" 2>/dev/null
  fi
}

# (strategy partial) Post-copy ends when the target's lazy-pages daemon has fetched every page of $id:
# its exit status says whether it did (unknown when it is gone without one), and the container must
# still answer its health check then. A daemon killed mid-fetch leaves the process with memory it will
# never get: ferry reports the state as lost. The wrapper's pid, not criu's command line, says whether it
# is gone: criu exits a moment before its wrapper writes the exit status.
target_done() { [ -s "$images/lazy-pages.exit" ] || ! kill -0 "$(cat "$images/lazy-pages.pid" 2>/dev/null)" 2>/dev/null; }
if wait_for 600 "the lazy-pages daemon of $id to fetch its last page" target_done; then
  status=unknown
  [ -s "$images/lazy-pages.exit" ] && read -r status <"$images/lazy-pages.exit"
  out lazy_target_exit".$id" "$status"
fi
answer=no
if app_answers; then answer=yes; fi
out post_copy_answer".$id" "$answer"

unread() { ! pgrep -f -- "--images-dir $images" >/dev/null; }
wait_for 600 "the readers of $images to finish" unread
pkill -f -- "--images-dir $images" 2>/dev/null
unguard_port 27100
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null || true
exit 0
