# (strategy partial) Rebuilds criu's page files of $id from the copy shipped while it ran and the pages
# that changed (recipes from strategies/hybrid/transfer.sh), then restores. Where the target has
# userfaultfd (the strategy then has a post-copy step, which waits for it), the restore does not wait for
# memory: a criu lazy-pages daemon with no page server fills it from those local page files, the pages a
# request touches first. On the source (a rollback) the images are whole, and the restore waits for them:
# nothing would wait for a daemon there.
{{ include "strategies/hybrid/pages.sh" }}
pages apply "$images.pre/base" "$images" "$images" >/dev/null
{{~ if strategy.target_done ~}}
if [ -z "${rollback:-}" ]; then
  rm -f "$images/lazy-pages.socket" "$images/lazy-pages.exit" "$images/lazy-pages.pid"
  cd "$bundle"
  # Every descriptor of the daemon goes to /dev/null, so the step's SSH channel closes when the script ends.
  setsid sh -c 'criu lazy-pages --images-dir "$1" --work-dir "$1" -o lazy-pages.log; echo $? >"$1/lazy-pages.exit"' \
    sh "$images" </dev/null >/dev/null 2>&1 &
  echo "$!" >"$images/lazy-pages.pid"
  wait_for {{ limits.lazy_daemon | q }} "criu lazy-pages for $id" test -S "$images/lazy-pages.socket" || true
  restore_flags=(--lazy-pages)
fi
{{~ end ~}}
{{ include "partials/container-restore.sh" }}
