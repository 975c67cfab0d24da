#!/usr/bin/env bash
# Writes the front's HAProxy config and starts HAProxy (master-worker), or reloads it seamlessly:
# the old worker keeps serving its open connections while the new one takes new ones.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
mkdir -p /run/haproxy /etc/haproxy
# Requests in flight to a frozen server are retransmitted once it runs again; linear (not exponential)
# retransmission timeouts for these thin request/response streams let them finish soon after the restore.
sysctl -qw net.ipv4.tcp_thin_linear_timeouts=1
printf '%s' {{ config | q }} >/etc/haproxy/ferry.cfg.new
haproxy -c -q -f /etc/haproxy/ferry.cfg.new
if cmp -s /etc/haproxy/ferry.cfg.new /etc/haproxy/ferry.cfg && [ -S /run/haproxy/master.sock ]; then
  rm /etc/haproxy/ferry.cfg.new
  out {{ keys.front_config | q }} unchanged
  exit 0
fi
mv /etc/haproxy/ferry.cfg.new /etc/haproxy/ferry.cfg
if [ -S /run/haproxy/master.sock ] && echo "show proc" | socat -t 2 stdio unix-connect:/run/haproxy/master.sock >/dev/null 2>&1; then
  echo "reload" | socat -t 5 stdio unix-connect:/run/haproxy/master.sock >/dev/null
  out {{ keys.front_config | q }} reloaded
else
  rm -f /run/haproxy/master.sock
  if ! setsid haproxy -W -D -f /etc/haproxy/ferry.cfg -S /run/haproxy/master.sock </dev/null >/var/log/haproxy-start.log 2>&1; then
    cat /var/log/haproxy-start.log >&2
    exit 1
  fi
  out {{ keys.front_config | q }} started
fi
wait_for {{ limits.front_socket | q }} "HAProxy's admin socket" test -S /run/haproxy/admin.sock
