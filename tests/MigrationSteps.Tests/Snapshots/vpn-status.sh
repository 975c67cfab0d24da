#!/usr/bin/env bash
# Reports this gateway's IPsec state: whether charon runs, and swanctl's SA list.
set -uo pipefail
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces.
out() { printf 'ferry-out %s=%s\n' "$1" "$(printf '%s' "$2" | tr '\n' ' ')"; }

if [ ! -f /etc/swanctl/conf.d/ferry.conf ]; then
  out vpn_daemon not-configured
elif ! swanctl --stats >/dev/null 2>&1; then
  out vpn_daemon charon-down
else
  out vpn_daemon running
  out vpn_sas "$(swanctl --list-sas --pretty --noblock 2>/dev/null | base64 -w0)"
fi
exit 0
