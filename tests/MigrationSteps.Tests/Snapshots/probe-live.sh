#!/usr/bin/env bash
# Reports how many requests the running probe has ended so far and how many of them failed.
set -euo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

requests=0; failed=0
if [ -f /tmp/ferry-probe-unit/live ]; then read -r requests failed </tmp/ferry-probe-unit/live; fi
out probe_requests "$requests"
out probe_failed "$failed"
