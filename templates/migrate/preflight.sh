#!/usr/bin/env bash
# Reports what changes on this host between migrations (its facts are cached until the boot id
# changes): free memory and disk, and the state of the application's containers. Changes nothing but
# making the migration directory. Builtins where they do: it runs before every migration.
set -uo pipefail
{{ include "partials/out.sh" }}
read -r boot </proc/sys/kernel/random/boot_id
out {{ keys.boot_id | q }} "$boot"
while read -r name value _; do
  if [ "$name" = MemAvailable: ]; then out {{ keys.mem_available_mb | q }} "$((value / 1024))"; break; fi
done </proc/meminfo
[ -d /var/lib/ferry/migrate ] || mkdir -p /var/lib/ferry/migrate
{ read -r _; read -r _ _ _ available _; } < <(df -Pm /var/lib/ferry/migrate)
out {{ keys.disk_available_mb | q }} "$available"
for id in {{ ids | qa }}; do
  status=absent
  [[ "$(runc state "$id" 2>/dev/null)" =~ \"status\":\ \"([a-z]+)\" ]] && status="${BASH_REMATCH[1]}"
  out {{ keys.container | q }}".$id" "$status"
done
