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
  lazy_meter {{ c.page_server_port | q }} </dev/null 2>&1 &
  meter=$!
fi
target_done() { [ -s "$images/lazy-pages.exit" ] || ! kill -0 "$(cat "$images/lazy-pages.pid" 2>/dev/null)" 2>/dev/null; }
if wait_for {{ limits.lazy_source_done | q }} "the lazy-pages daemon of $id to fetch its last page" target_done; then
  status=unknown
  [ -s "$images/lazy-pages.exit" ] && read -r status <"$images/lazy-pages.exit"
  out {{ keys.lazy_target_exit | q }}".$id" "$status"
fi
[ -z "$meter" ] || kill "$meter" 2>/dev/null || true
answer=no
if app_answers; then answer=yes; fi
out {{ keys.post_copy_answer | q }}".$id" "$answer"
