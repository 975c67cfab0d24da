#!/usr/bin/env bash
# Reports this gateway's IPsec state: whether charon runs, and swanctl's SA list. One swanctl call:
# it runs before every migration between sites.
set -uo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

if [ ! -f /etc/swanctl/conf.d/ferry.conf ]; then
  out vpn_daemon not-configured
elif ! sas=$(swanctl --list-sas --pretty --noblock 2>/dev/null); then
  out vpn_daemon charon-down
else
  out vpn_daemon running
  out vpn_sas "$(base64 -w0 <<<"$sas")"
fi
exit 0
