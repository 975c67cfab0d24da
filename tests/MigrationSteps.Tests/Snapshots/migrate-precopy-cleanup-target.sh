#!/usr/bin/env bash
# After the move (or after the source took the application back): removes the image directories once
# nothing reads them, stopping any page server left from a failed run. Fails, naming it, when something
# could not be removed.
set -uo pipefail
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

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

left=()
id=counter-counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter
unread() { ! pgrep -f -- "--images-dir $images" >/dev/null; }
wait_for 30 "the readers of $images to finish" unread
pkill -KILL -f -- "--images-dir $images" 2>/dev/null
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null
[ -e "$images" ] && left+=("$images")
if [ "${#left[@]}" -gt 0 ]; then
  out left "${left[*]}"
  echo "could not remove from $(hostname): ${left[*]}" >&2
  exit 1
fi
