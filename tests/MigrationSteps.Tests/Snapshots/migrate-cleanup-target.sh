#!/usr/bin/env bash
# Removes the image directories from the target once nothing reads them (a lazy-pages daemon may
# still be fetching pages), and stops any page server left from a failed run.
set -uo pipefail
images=/var/lib/ferry/migrate/20261122-023000-counter/counter
for _ in $(seq 6000); do pgrep -f -- "--images-dir $images" >/dev/null || break; sleep 0.1; done
pkill -f -- "--images-dir $images" 2>/dev/null
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null || true
exit 0
