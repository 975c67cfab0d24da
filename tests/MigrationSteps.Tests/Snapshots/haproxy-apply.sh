#!/usr/bin/env bash
# Writes the front's HAProxy config and starts HAProxy (master-worker), or reloads it seamlessly:
# the old worker keeps serving its open connections while the new one takes new ones.
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

mkdir -p /run/haproxy /etc/haproxy
# Requests in flight to a frozen server are retransmitted once it runs again; linear (not exponential)
# retransmission timeouts for these thin request/response streams let them finish soon after the restore.
sysctl -qw net.ipv4.tcp_thin_linear_timeouts=1
printf '%s' '# Rendered by ferry for the front host. Requests are held, never refused, while an application is
# frozen: the engine lowers the server'"'"'s maxconn to 1 through the admin socket so new requests wait in
# HAProxy'"'"'s queue, and a connection attempt that fails is retried (every 250 ms, up to 25 s) instead
# of failing the request. No health check: a frozen server must not be marked down (503s).
global
    # Root on these machines may not raise its file limit: stay well under it (2 fds per connection).
    maxconn 4096
    stats socket /run/haproxy/admin.sock mode 600 level admin expose-fd listeners
    pidfile /run/haproxy/haproxy.pid

defaults
    timeout connect 250ms
    timeout client 120s
    timeout server 120s
    timeout queue 120s
    retries 100

frontend fe_counter_counter
    mode http
    bind 203.0.113.10:80
    default_backend be_counter_counter

backend be_counter_counter
    mode http
    # empty-response: a connection that was still in the application'"'"'s backlog when it was frozen is
    # dropped by the checkpoint; the application never saw that request, so sending it again is safe.
    retry-on conn-failure empty-response
    # Requests ride connections the application already accepted: a new connection caught in the
    # application'"'"'s accept queue at the freeze would be lost (criu cannot dump it and drops it).
    http-reuse always
    server app 10.252.0.10:8080 maxconn 4096
' >/etc/haproxy/ferry.cfg.new
haproxy -c -q -f /etc/haproxy/ferry.cfg.new
if cmp -s /etc/haproxy/ferry.cfg.new /etc/haproxy/ferry.cfg && [ -S /run/haproxy/master.sock ]; then
  rm /etc/haproxy/ferry.cfg.new
  out front_config unchanged
  exit 0
fi
mv /etc/haproxy/ferry.cfg.new /etc/haproxy/ferry.cfg
if [ -S /run/haproxy/master.sock ] && echo "show proc" | socat -t 2 stdio unix-connect:/run/haproxy/master.sock >/dev/null 2>&1; then
  echo "reload" | socat -t 5 stdio unix-connect:/run/haproxy/master.sock >/dev/null
  out front_config reloaded
else
  rm -f /run/haproxy/master.sock
  if ! setsid haproxy -W -D -f /etc/haproxy/ferry.cfg -S /run/haproxy/master.sock </dev/null >/var/log/haproxy-start.log 2>&1; then
    cat /var/log/haproxy-start.log >&2
    exit 1
  fi
  out front_config started
fi
wait_for 5 "HAProxy's admin socket" test -S /run/haproxy/admin.sock
