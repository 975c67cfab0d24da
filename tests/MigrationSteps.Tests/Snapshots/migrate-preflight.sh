#!/usr/bin/env bash
# Reports what changes on the source between migrations (see partials/host-report.sh); changes nothing
# but making the migration directory. The target reports the same from prepare-target.
set -uo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

ids=(counter-counter)
# (partial) Reports what changes on this host between migrations: boot id (cached facts hold until it
# changes), free memory and disk, and the state of containers $ids as runc would name it (absent,
# running, stopped). Builtins and one df: it runs before every migration.
container_state() {
  local file="/run/runc/$1/state.json" json stat fields
  REPLY=absent
  [ -f "$file" ] || return 0
  REPLY=stopped
  read -r -d '' json <"$file" || true
  [[ $json =~ \"init_process_pid\":([0-9]+),\"init_process_start\":([0-9]+) ]] || return 0
  # runc's own test: the init process lives and is the same process (its start time), not a reused pid.
  read -r stat 2>/dev/null <"/proc/${BASH_REMATCH[1]}/stat" || return 0
  read -r -a fields <<<"${stat##*) }"
  [ "${fields[19]}" = "${BASH_REMATCH[2]}" ] && REPLY=running
  return 0
}
read -r boot </proc/sys/kernel/random/boot_id
out boot_id "$boot"
while read -r name value _; do
  if [ "$name" = MemAvailable: ]; then out mem_available_mb "$((value / 1024))"; break; fi
done </proc/meminfo
[ -d /var/lib/ferry/migrate ] || mkdir -p /var/lib/ferry/migrate
{ read -r _; read -r _ _ _ available _; } < <(df -Pm /var/lib/ferry/migrate)
out disk_available_mb "$available"
for id in "${ids[@]}"; do
  container_state "$id"
  out container".$id" "$REPLY"
done

