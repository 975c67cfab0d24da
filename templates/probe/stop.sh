#!/usr/bin/env bash
# Tells the probe to stop, waits until it has written its results, prints them and removes its files.
set -euo pipefail
work={{q work}}
touch "$work/stop"
for _ in $(seq 1200); do [ -f "$work/results.csv" ] && break; sleep 0.05; done
if [ ! -f "$work/results.csv" ]; then
  echo "the probe wrote no results:" >&2
  tail -n 20 "$work/probe.log" >&2
  kill "$(cat "$work/pid")" 2>/dev/null
  exit 1
fi
cat "$work/results.csv"
rm -rf "$work"
