#!/usr/bin/env bash
# Starts the client probe in the background; it writes its results to the output file when it stops.
set -euo pipefail
umask 077
work=/tmp/ferry-probe-unit
rm -rf "$work"
mkdir -p "$work"
printf '%s' 'print('"'"'probe'"'"')
' >"$work/probe.py"
setsid python3 "$work/probe.py" </dev/null >"$work/probe.log" 2>&1 &
echo $! >"$work/pid"
