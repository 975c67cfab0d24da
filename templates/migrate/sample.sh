#!/usr/bin/env bash
# Before an automatic strategy choice: how much private memory the application's processes hold, how fast
# they rewrite it and how much of it they touch (strategies/hybrid/pages.py sample), and, when the stack
# does not say, what the link to the target carries. Reads only; the application keeps running.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
target={{ target_ip | q }}
{{ include "strategies/hybrid/pages.sh" }}
all=()
for id in {{ ids | qa }}; do
  pids=$(runc ps --format json "$id"); pids=${pids//[\[\],]/ }
  all+=($pids)
done
sample=$(pages sample {{ seconds | q }} "${all[@]}")
out {{ keys.sample_memory_bytes | q }} "$(value memory "$sample")"
out {{ keys.sample_dirty_set | q }} "$(value dirty_set "$sample")"
out {{ keys.sample_dirty_rate | q }} "$(value dirty_rate "$sample")"
out {{ keys.sample_working_set | q }} "$(value working_set "$sample")"
out {{ keys.sample_touch_rate | q }} "$(value touch_rate "$sample")"
bytes={{ measure_bytes | q }}
if (( bytes > 0 )); then
  payload=$(mktemp)
  trap 'rm -f "$payload"' EXIT
  head -c "$bytes" /dev/urandom >"$payload"
  peer_ssh true
  start=$EPOCHREALTIME
  peer_ssh 'cat >/dev/null' <"$payload"
  end=$EPOCHREALTIME
  out {{ keys.link_rate | q }} "$(awk -v b="$bytes" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", b / (e - s) }')"
fi
