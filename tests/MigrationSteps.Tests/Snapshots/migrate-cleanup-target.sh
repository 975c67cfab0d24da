#!/usr/bin/env bash
# Removes the image directories from the target once nothing reads them (a lazy-pages daemon may
# still be fetching pages), and stops any page server left from a failed run.
set -uo pipefail
# (partial) wait_for SECONDS WHAT COMMAND…: runs COMMAND every 20 ms until it succeeds; once SECONDS
# have passed, says what it waited for on stderr and fails.
wait_for() {
  local limit="$1" what="$2"; shift 2
  local deadline=$(( ${EPOCHREALTIME//[.,]/} + limit * 1000000 ))
  until "$@"; do
    if (( ${EPOCHREALTIME//[.,]/} >= deadline )); then
      echo "timed out after ${limit}s waiting for $what" >&2
      return 1
    fi
    sleep 0.02
  done
}

images=/var/lib/ferry/migrate/20261122-023000-counter/counter
unread() { ! pgrep -f -- "--images-dir $images" >/dev/null; }
wait_for 600 "the readers of $images to finish" unread
pkill -f -- "--images-dir $images" 2>/dev/null
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null || true
exit 0
