#!/usr/bin/env bash
# Reports this gateway's IPsec state: whether charon runs, and swanctl's SA list. One swanctl call:
# it runs before every migration between sites.
set -uo pipefail
umask 077
{{ include "partials/out.sh" }}
if [ ! -f /etc/swanctl/conf.d/ferry.conf ]; then
  out {{ keys.vpn_daemon | q }} not-configured
elif ! sas=$(swanctl --list-sas --pretty --noblock 2>/dev/null); then
  out {{ keys.vpn_daemon | q }} charon-down
else
  out {{ keys.vpn_daemon | q }} running
  out {{ keys.vpn_sas | q }} "$(base64 -w0 <<<"$sas")"
fi
exit 0
