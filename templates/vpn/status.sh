#!/usr/bin/env bash
# Reports this gateway's IPsec state: whether charon runs, and swanctl's SA list.
set -uo pipefail
{{ include "partials/out.sh" }}
if [ ! -f /etc/swanctl/conf.d/ferry.conf ]; then
  out {{ keys.vpn_daemon | q }} not-configured
elif ! swanctl --stats >/dev/null 2>&1; then
  out {{ keys.vpn_daemon | q }} charon-down
else
  out {{ keys.vpn_daemon | q }} running
  out {{ keys.vpn_sas | q }} "$(swanctl --list-sas --pretty --noblock 2>/dev/null | base64 -w0)"
fi
exit 0
