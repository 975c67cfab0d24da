# (strategy partial) The final dump of $id against the copy the target holds ($images.pre/base, the same on
# both hosts): criu's page files are compared page by page, by address; pages the target has become a
# recipe, the rest is sent. The target rebuilds the page files before it restores
# (strategies/hybrid/restore.sh). criu's log of the dump stays here: the target has no use for it (1.7 MB
# for WordPress's web server).
{{ include "strategies/hybrid/pages.sh" }}
rm -rf "$images.pre/xfer"
if (( ${#compress[@]} )); then
  # Compressed, the images cross as one stream: criu's other images first (a few hundred kB), then each page
  # file as soon as its comparison ends, so the link carries one while the next is compared (one after the
  # other, WordPress's web server's 12 page files took 0.14 s to compare and 0.12 s to cross at 100 Mbit/s),
  # and the target rebuilds each as it comes in (40-80 ms of the restore before).
  # Uncompressed, the stream was slower than rsync (1.18-1.21 s against 0.91-0.97 s for WordPress over the
  # unshaped VPN link): there one rsync carries it all once the comparison has ended.
  stream_count="$work/stream-$id"
  # What crosses is counted on the way, through a fifo (a copy on disk would cost a write of all of it).
  mkfifo "$stream_count.fifo"
  { wc -c <"$stream_count.fifo" >"$stream_count"; } </dev/null >/dev/null 2>&1 &
  counter=$!
  pages stream "$images.pre/base" "$images" "$images.pre/xfer" | zstd -3 -q -c | tee "$stream_count.fifo" \
    | peer_ssh "$(printf '%q ' bash -c 'zstd -d -q -c | python3 -c "$0" "$1" unpack "$2" "$3"' "$pages_run" "$pages_lib" "$images" "$images.pre/base")" >/dev/null
  wait "$counter"
  delta=$(<"$images.pre/xfer/summary")
  sent=$(<"$stream_count")
else
  delta=$(pages delta "$images.pre/base" "$images" "$images.pre/xfer")
  rebuilt=()
  for recipe in "$images.pre/xfer"/*.recipe; do
    if [ -e "$recipe" ]; then name=${recipe##*/}; rebuilt+=(--exclude "/${name%.recipe}"); fi
  done
  sent=$(peer_rsync --exclude status.fifo --exclude dump.log "${rebuilt[@]}" "$images/" "$images.pre/xfer/" "$target:$images/" | rsync_bytes)
fi
out {{ keys.delta_literal_bytes | q }}".$id" "$(value literal "$delta")"
out {{ keys.delta_copied_bytes | q }}".$id" "$(value copied "$delta")"
