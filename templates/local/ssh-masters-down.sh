#!/usr/bin/env bash
# Ends ferry's ssh ControlMaster processes for a stack (they would outlive the hosts otherwise).
set -uo pipefail
control_dir={{ control_dir | q }}
[ -d "$control_dir" ] || exit 0
for socket in "$control_dir"/*; do
  [ -S "$socket" ] && ssh -o ControlPath="$socket" -O exit ferry-host >/dev/null 2>&1
done
pkill -f -- "ControlPath=$control_dir/" 2>/dev/null
exit 0
