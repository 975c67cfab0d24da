#!/usr/bin/env bash
# Waits until the strategy is done on the target (a post-copy target fetches its last page and reports
# how that ended), then removes the image directories once nothing reads them, and stops any page server
# left from a failed run.
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

id=counter-counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; address=10.252.0.10; port=8080
health_http=/peek; health_send=''; health_expect=''
# (partial) app_answers: whether container $id answers as its clients need it to on $address:$port: an
# HTTP GET of $health_http answered 200, or $health_send answered with a line starting with
# $health_expect; with neither declared, an accepted TCP connection.
app_answers() {
  if [ -n "$health_http" ]; then
    [ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://$address:$port$health_http" 2>/dev/null)" = 200 ]
  elif [ -n "$health_send" ]; then
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "%s" "$2" >&3 && IFS= read -r -t 1 reply <&3 && [[ "$reply" == "$3"* ]]' \
      "$address" "$port" "$health_send" "$health_expect" 2>/dev/null
  else
    timeout 0.5 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$address" "$port" 2>/dev/null
  fi
}

# (strategy partial) Post-copy ends when the target's lazy-pages daemon has fetched every page of $id:
# its exit status says whether it did (unknown when it is gone without one), and the container must
# still answer its health check then. A daemon killed mid-fetch leaves the process with memory it will
# never get: ferry reports the state as lost. The wrapper's pid, not criu's command line, says whether it
# is gone: criu exits a moment before its wrapper writes the exit status.
# Pages criu left for post-copy (pagemap entries flagged PE_LAZY), and once a second how many of them the
# daemon's connection to the source has not brought yet (its bytes received over 4 KiB pages).
lazy_total=$(python3 - "$images" 2>/dev/null <<'PAGEMAP'
import glob, struct, sys
def varint(b, i):
    v = s = 0
    while True:
        c = b[i]; i += 1; v |= (c & 0x7f) << s; s += 7
        if c < 0x80: return v, i
total = 0
for name in glob.glob(sys.argv[1] + "/pagemap-*.img"):
    data = open(name, "rb").read(); i = 8; first = True
    while i + 4 <= len(data):
        (size,) = struct.unpack_from("<I", data, i); msg = data[i + 4:i + 4 + size]; i += 4 + size
        if first: first = False; continue
        fields = {}; j = 0
        while j < len(msg):
            key, j = varint(msg, j)
            if key & 7 != 0: break
            fields[key >> 3], j = varint(msg, j)
        # criu 4 keeps the count in field 5 (64-bit) and leaves the old 32-bit field 2 at 0.
        if fields.get(4, 0) & 2: total += fields.get(5) or fields.get(2, 0)
print(total)
PAGEMAP
)
lazy_meter() {
  local got
  while sleep 1; do
    got=$(ss -Htin state established "( dport = :$1 )" | grep -o 'bytes_received:[0-9]*' | awk -F: '{s += $2} END {print s + 0}')
    printf 'progress post-copy pages of %s: %d of %d still to fetch\n' "$id" $(( lazy_total - ${got:-0} / 4096 > 0 ? lazy_total - ${got:-0} / 4096 : 0 )) "$lazy_total"
  done
}
meter=
if [ -n "$lazy_total" ] && [ "$lazy_total" -gt 0 ]; then
  lazy_meter 27100 </dev/null 2>&1 &
  meter=$!
fi
target_done() { [ -s "$images/lazy-pages.exit" ] || ! kill -0 "$(cat "$images/lazy-pages.pid" 2>/dev/null)" 2>/dev/null; }
if wait_for 600 "the lazy-pages daemon of $id to fetch its last page" target_done; then
  status=unknown
  [ -s "$images/lazy-pages.exit" ] && read -r status <"$images/lazy-pages.exit"
  out lazy_target_exit".$id" "$status"
fi
[ -z "$meter" ] || kill "$meter" 2>/dev/null || true
answer=no
if app_answers; then answer=yes; fi
out post_copy_answer".$id" "$answer"

unread() { ! pgrep -f -- "--images-dir $images" >/dev/null; }
wait_for 600 "the readers of $images to finish" unread
pkill -f -- "--images-dir $images" 2>/dev/null
rm -rf "$images" "$images.pre"
rmdir "$(dirname "$images")" 2>/dev/null || true
exit 0
