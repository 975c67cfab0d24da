#!/usr/bin/env bash
# Reports what changes on this host between migrations (its facts are cached until the boot id
# changes): free memory and disk, and the state of the application's containers. Changes nothing but
# making the migration directory. Builtins where they do: it runs before every migration.
set -uo pipefail
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

read -r boot </proc/sys/kernel/random/boot_id
out boot_id "$boot"
while read -r name value _; do
  if [ "$name" = MemAvailable: ]; then out mem_available_mb "$((value / 1024))"; break; fi
done </proc/meminfo
[ -d /var/lib/ferry/migrate ] || mkdir -p /var/lib/ferry/migrate
{ read -r _; read -r _ _ _ available _; } < <(df -Pm /var/lib/ferry/migrate)
out disk_available_mb "$available"
for id in counter-counter; do
  status=absent
  [[ "$(runc state "$id" 2>/dev/null)" =~ \"status\":\ \"([a-z]+)\" ]] && status="${BASH_REMATCH[1]}"
  out container".$id" "$status"
done
