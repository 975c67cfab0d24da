# (strategy partial) Post-copy: criu dumps everything but memory of the frozen $id (partials/freeze.sh),
# then stays up serving pages to the target's lazy-pages daemon, holding the frozen tasks until it has
# served the last one or the target let go. Its port, buffers and status fifo are set up before the freeze
# (strategies/lazy/dump-setup.sh).
setsid sh -c 'runc checkpoint --leave-running --tcp-established --lazy-pages --page-server "$1:$2" --status-fd 3 --image-path "$3" --work-path "$3" "$4" 3>"$3/status.fifo"; echo $? >"$3/checkpoint.exit"' \
  sh "$source_ip" "$page_port" "$images" "$id" </dev/null >"$images/checkpoint.out" 2>&1 &
echo "$!" >"$images/checkpoint.pid"
# criu writes one byte to the status fd once it serves pages; the fifo read ends with it or with criu's exit,
# whose status then comes a moment later.
if ! ready=$(timeout {{ limits.lazy_dump_ready | q }} head -c 1 "$images/status.fifo" | wc -c) || [ "$ready" != 1 ]; then
  wait_for 1 "the lazy dump of $id, which did not report ready within "{{ limits.lazy_dump_ready | q }}"s, to exit" test -s "$images/checkpoint.exit" || true
fi
if [ -s "$images/checkpoint.exit" ] && [ "$(cat "$images/checkpoint.exit")" != 0 ]; then
  echo "lazy checkpoint of $id failed:" >&2
  tail -n 5 "$images/checkpoint.out" "$images/dump.log" >&2 2>/dev/null
  exit 1
fi
