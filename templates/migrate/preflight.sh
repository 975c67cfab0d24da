#!/usr/bin/env bash
# Reports what changes on this host between migrations (its facts are cached until the boot id
# changes): free memory and disk, and the state of the application's containers. Changes nothing but
# making the migration directory.
set -uo pipefail
{{ include "partials/out.sh" }}
out {{ keys.boot_id | q }} "$(cat /proc/sys/kernel/random/boot_id)"
out {{ keys.mem_available_mb | q }} "$(awk '/^MemAvailable/ {print int($2 / 1024)}' /proc/meminfo)"
mkdir -p /var/lib/ferry/migrate
out {{ keys.disk_available_mb | q }} "$(df -Pm /var/lib/ferry/migrate | awk 'NR == 2 {print $4}')"
for id in {{ ids | qa }}; do
  status=$(runc state "$id" 2>/dev/null | awk -F'"' '/"status"/ {print $4}')
  out {{ keys.container | q }}".$id" "${status:-absent}"
done
