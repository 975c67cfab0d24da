# (strategy partial) Rebuilds criu's page files of $id from the copy shipped while it ran and the pages
# that changed (recipes from strategies/hybrid/transfer.sh), then restores. On the source (a rollback)
# the images are whole and there is nothing to rebuild.
{{ include "strategies/hybrid/pages.sh" }}
pages apply "$images.pre/base" "$images" "$images" >/dev/null
{{ include "partials/container-restore.sh" }}
