#!/usr/bin/env bash
# Reports what changes on this host between migrations (its facts are cached until the boot id
# changes): free memory and disk, and the state of the application's containers. Changes nothing but
# making the migration directory.
set -uo pipefail
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces.
out() { printf 'ferry-out %s=%s\n' "$1" "$(printf '%s' "$2" | tr '\n' ' ')"; }

out boot_id "$(cat /proc/sys/kernel/random/boot_id)"
out mem_available_mb "$(awk '/^MemAvailable/ {print int($2 / 1024)}' /proc/meminfo)"
mkdir -p /var/lib/ferry/migrate
out disk_available_mb "$(df -Pm /var/lib/ferry/migrate | awk 'NR == 2 {print $4}')"
for id in counter-counter; do
  status=$(runc state "$id" 2>/dev/null | awk -F'"' '/"status"/ {print $4}')
  out container".$id" "${status:-absent}"
done
