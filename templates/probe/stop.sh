#!/usr/bin/env bash
# Tells the probe to stop, waits until it has written its results, prints them and removes its files.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
work={{ work | q }}
touch "$work/stop"
if ! wait_for {{ limits.probe_results | q }} "the probe to write its results" test -f "$work/results.csv"; then
  echo "the probe wrote no results:" >&2
  tail -n 20 "$work/probe.log" >&2
  kill "$(cat "$work/pid")" 2>/dev/null
  exit 1
fi
out {{ keys.probe_results | q }} "$(base64 -w0 "$work/results.csv")"
if [ -f "$work/writes.json" ]; then out {{ keys.probe_writes | q }} "$(base64 -w0 "$work/writes.json")"; fi
rm -rf "$work"
