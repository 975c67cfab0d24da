#!/usr/bin/env bash
# Reports this gateway's IPsec state for ferry to parse: a state line, then swanctl's SA list.
set -uo pipefail
if [ ! -f /etc/swanctl/conf.d/ferry.conf ]; then
  echo "ferry-vpn: not-configured"
elif ! swanctl --stats >/dev/null 2>&1; then
  echo "ferry-vpn: charon-down"
else
  echo "ferry-vpn: running"
  swanctl --list-sas --pretty --noblock 2>/dev/null
fi
exit 0
