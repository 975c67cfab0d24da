#!/usr/bin/env bash
# Reports the state of each container of an application on this host.
set -uo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

for id in counter-counter; do
  status=$(runc state "$id" 2>/dev/null | awk -F'"' '/"status"/ {print $4}')
  out container".$id" "${status:-absent}"
done
