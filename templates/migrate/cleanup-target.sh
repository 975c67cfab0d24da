#!/usr/bin/env bash
# After the move (or after the source took the application back): removes the image directories once
# nothing reads them, stopping any page server left from a failed run. Fails, naming it, when something
# could not be removed.
set -uo pipefail
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
left=()
{{~ for c in containers ~}}
id={{ c.id | q }}; images={{ c.images | q }}
unread() { ! pgrep -f -- "--images-dir $images" >/dev/null; }
wait_for {{ limits.readers | q }} "the readers of $images to finish" unread
pkill -KILL -f -- "--images-dir $images" 2>/dev/null
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null
[ -e "$images" ] && left+=("$images")
{{~ end ~}}
if [ "${#left[@]}" -gt 0 ]; then
  out {{ keys.left | q }} "${left[*]}"
  echo "could not remove from $(hostname): ${left[*]}" >&2
  exit 1
fi
