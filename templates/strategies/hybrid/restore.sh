# (strategy partial) Makes criu's images of $id whole from the copy shipped while it ran and the pages
# that changed (recipes from strategies/hybrid/transfer.sh), then restores. Each page file is that copy taken
# over: where memory was allocated or freed since the copy, its unchanged pages are moved in place to the
# new layout (in the page cache: 700 MiB in 0.23-0.34 s here; criu restore read the same pages from criu
# parent images in 1.0-1.5 s, and copying them into a new file took 1.6 s), then the changed pages written
# in. The page stream's unpack does this as each file arrives; what is left (an uncompressed transfer) is
# done here. Where the target has userfaultfd (the strategy then has a post-copy step, which waits for it),
# criu does not read the pages in itself, one page fault per page (1.5 s for 512 MiB on these VMs): a criu
# lazy-pages daemon with no page server fills them from the local page files. On the source (a rollback)
# the images are whole, and the restore reads them: nothing would wait for a daemon there.
{{ include "strategies/hybrid/pages.sh" }}
{{~ if strategy.target_done ~}}
if [ -z "${rollback:-}" ]; then
  rm -f "$images/lazy-pages.socket" "$images/lazy-pages.exit" "$images/lazy-pages.pid" "$images/lazy-pages.done"
  mkfifo "$images/lazy-pages.done"
  cd "$bundle"
  # Started while the page files are rebuilt: until the restore connects, the daemon reads only the process
  # tree, and criu took 25-85 ms to start here. Every descriptor of the daemon goes to /dev/null, so the
  # step's SSH channel closes when the script ends.
  setsid sh -c 'criu lazy-pages --images-dir "$1" --work-dir "$1" -o lazy-pages.log; echo $? >"$1/lazy-pages.exit"; echo 1<>"$1/lazy-pages.done"' \
    sh "$images" </dev/null >/dev/null 2>&1 &
  echo "$!" >"$images/lazy-pages.pid"
fi
{{~ end ~}}
# What the page stream's unpack has not rebuilt already (all of it after an uncompressed transfer, and page
# files whose layout moved): without it, no python start (15-18 ms here).
recipes=("$images"/*.recipe)
if [ -e "${recipes[0]}" ]; then pages_rebuilt=$(pages parent "$images.pre/base" "$images" "$images"); else pages_rebuilt=in_parent=0; fi
out {{ keys.parent_bytes | q }}".$id" "$(value in_parent "$pages_rebuilt")"
{{~ if strategy.target_done ~}}
if [ -z "${rollback:-}" ]; then
  wait_for {{ limits.lazy_daemon | q }} "criu lazy-pages for $id" test -S "$images/lazy-pages.socket" || true
  restore_flags=(--lazy-pages)
fi
{{~ end ~}}
{{ include "partials/container-restore.sh" }}
{{~ if strategy.target_done ~}}
if [ -z "${rollback:-}" ]; then
  # No new request reaches the restored application before the cut-over: filled now, its memory arrives in
  # the daemon's large background copies (512 MiB in 0.14 s here) instead of one fault at a time, each a
  # round trip to the daemon (the reader's first answer waited 0.9 s behind them). Paused meanwhile: a
  # request in progress at the freeze would fault page by page, and each fault shrinks the daemon's copies
  # back to 64 KiB (it took 1.3 s so). Reaching the limit is no failure: post-copy waits for the rest.
  freezer_of "$id" || exit 1
  echo FROZEN >"$freezer"
  wait_written {{ limits.local_fill | q }} "criu lazy-pages to fill $id from its page files" "$images/lazy-pages.exit" "$images/lazy-pages.done" || true
  echo THAWED >"$freezer"
fi
{{~ end ~}}
