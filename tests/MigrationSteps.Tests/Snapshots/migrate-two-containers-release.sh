#!/usr/bin/env bash
# Lets held requests through again (after the cut-over, or after a failed migration, to the source).
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

haproxy_maxconn 3 wordpress_web
out released_at "$EPOCHREALTIME"
