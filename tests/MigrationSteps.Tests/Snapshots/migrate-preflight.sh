#!/usr/bin/env bash
# Reports what this host can do for a migration, as ferry-metric lines; changes nothing.
set -uo pipefail
metric() { printf 'ferry-metric %s=%s\n' "$1" "$2"; }
metric criu_version "$(criu --version 2>/dev/null | awk '/^Version/ {print $2}')"
metric runc_version "$(runc --version 2>/dev/null | awk '/^runc version/ {print $3}')"
if criu check >/tmp/ferry-criu-check.log 2>&1; then
  metric criu_check ok
else
  metric criu_check "$(tail -n 1 /tmp/ferry-criu-check.log | tr -d '\n')"
fi
for feature in mem_dirty_track uffd-noncoop; do
  if criu check --feature "$feature" >/dev/null 2>&1; then metric "feature.$feature" yes; else metric "feature.$feature" no; fi
done
if grep -q page-server <<<"$(criu --help 2>&1)"; then metric feature.page_server yes; else metric feature.page_server no; fi
metric pipe_max_size "$(cat /proc/sys/fs/pipe-max-size)"
metric kernel "$(uname -r)"
metric cpu_flags "$(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2 | xargs)"
metric mem_available_mb "$(awk '/^MemAvailable/ {print int($2 / 1024)}' /proc/meminfo)"
mkdir -p /var/lib/ferry/migrate
metric disk_available_mb "$(df -Pm /var/lib/ferry/migrate | awk 'NR == 2 {print $4}')"
for id in counter-counter; do
  status=$(runc state "$id" 2>/dev/null | awk -F'"' '/"status"/ {print $4}')
  metric "container.$id" "${status:-absent}"
done
