#!/usr/bin/env bash
# Waits (bounded) for cloud-init's first boot of this host to finish, then checks the marker Ferry's
# first-boot script leaves. A host without cloud-init (the local cloud) has nothing to wait for.
set -uo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

timeout=600
state=/var/lib/ferry
if ! command -v cloud-init >/dev/null 2>&1; then
  out first_boot none
  exit 0
fi
log_tail() {
  echo "--- tail of /var/log/cloud-init-output.log:" >&2
  tail -n 25 /var/log/cloud-init-output.log >&2 2>/dev/null || echo "(none)" >&2
  echo "--- errors in /var/log/cloud-init.log:" >&2
  grep -E 'WARNING|ERROR|Traceback' /var/log/cloud-init.log 2>/dev/null | tail -n 10 >&2 || echo "(none)" >&2
}
deadline=$((SECONDS + timeout))
until [ -f /var/lib/cloud/instance/boot-finished ] && { [ -f "$state/first-boot.ok" ] || [ -f "$state/first-boot.failed" ]; }; do
  if [ -f "$state/first-boot.failed" ]; then
    break
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "cloud-init's first boot did not finish within ${timeout}s (no /var/lib/cloud/instance/boot-finished or $state/first-boot.ok)" >&2
    log_tail
    exit 4
  fi
  sleep 0.5
done
if [ -f "$state/first-boot.failed" ]; then
  echo "the first-boot script failed: $(cat "$state/first-boot.failed")" >&2
  log_tail
  exit 5
fi
out first_boot "$(cat "$state/first-boot.ok")"
