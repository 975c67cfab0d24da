#!/usr/bin/env bash
# Before the freeze: new requests to the application wait in the front's queue instead of reaching a frozen server.
set -euo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

# (partial) Sets the front's maxconn for each service's server: 1 holds new requests in HAProxy's queue.
# HAProxy answers a bad command with text on the socket, so anything it says is a failure.
haproxy_maxconn() {
  local value="$1" service answer; shift
  for service in "$@"; do
    answer=$(socat -t 2 stdio unix-connect:/run/haproxy/admin.sock <<<"set maxconn server be_$service/app $value")
    if [[ -n "${answer//[[:space:]]/}" ]]; then
      echo "haproxy refused maxconn $value for $service: $answer" >&2
      return 1
    fi
  done
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

haproxy_maxconn 1 counter_counter
out held_at "$EPOCHREALTIME"
