# (strategy partial) The final dump of $id against the copy the target holds ($images.pre/base, the same on
# both hosts): criu's page files are compared page by page, by address; pages the target has become a
# recipe, the rest is sent. One rsync carries the other images, the recipes and the changed pages; the
# target rebuilds the page files before it restores (strategies/hybrid/restore.sh).
{{ include "strategies/hybrid/pages.sh" }}
rm -rf "$images.pre/xfer"
delta=$(pages delta "$images.pre/base" "$images" "$images.pre/xfer")
out {{ keys.delta_literal_bytes | q }}".$id" "$(value literal "$delta")"
out {{ keys.delta_copied_bytes | q }}".$id" "$(value copied "$delta")"
rebuilt=()
for recipe in "$images.pre/xfer"/*.recipe; do
  if [ -e "$recipe" ]; then name=${recipe##*/}; rebuilt+=(--exclude "/${name%.recipe}"); fi
done
# criu's log of the dump stays here: the target has no use for it (1.7 MB for WordPress's web server).
sent=$(peer_rsync "${compress[@]}" --exclude status.fifo --exclude dump.log "${rebuilt[@]}" "$images/" "$images.pre/xfer/" "$target:$images/" | rsync_bytes)
