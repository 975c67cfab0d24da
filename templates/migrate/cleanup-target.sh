#!/usr/bin/env bash
# Removes the image directories from the target once nothing reads them (a lazy-pages daemon may
# still be fetching pages), and stops any page server left from a failed run.
set -uo pipefail
{{ include "partials/wait.sh" }}
{{~ for c in containers ~}}
images={{ c.images | q }}
unread() { ! pgrep -f -- "--images-dir $images" >/dev/null; }
wait_for {{ limits.lazy_source_done | q }} "the readers of $images to finish" unread
pkill -f -- "--images-dir $images" 2>/dev/null
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null || true
{{~ end ~}}
exit 0
