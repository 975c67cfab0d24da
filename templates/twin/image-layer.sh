#!/usr/bin/env bash
# Builds the twin's image layer: Debian's cloud-init installed over the host image, kept as an overlay
# upper directory so the host image itself (and its cache key) stays as it is for the local cloud.
set -euo pipefail
base={{ base_dir | q }}
layer={{ layer_dir | q }}
log={{ log_path | q }}
packages=({{ packages | qa }})

if [ -f "$layer/.ferry-layer-ready" ]; then
  echo "twin layer already built: $layer"
  exit 0
fi
work="$layer.partial"
rm -rf "$work"
mkdir -p "$work/upper" "$work/work" "$work/root" "$(dirname "$log")"
# A mount namespace of its own: every mount below goes away with this script, also on failure.
unshare --mount --propagation private bash -euo pipefail -s "$base" "$work" "${packages[@]}" >"$log" 2>&1 <<'BUILD' || { echo "installing ${packages[*]} into the twin layer failed; see $log" >&2; tail -n 20 "$log" >&2; exit 3; }
base=$1 work=$2
shift 2
mount -t overlay overlay -o "lowerdir=$base,upperdir=$work/upper,workdir=$work/work" "$work/root"
mount -t proc proc "$work/root/proc"
mount --rbind /dev "$work/root/dev"
mount -t tmpfs tmpfs "$work/root/tmp"
mount -t tmpfs tmpfs "$work/root/run"
cp /etc/resolv.conf "$work/root/etc/resolv.conf" 2>/dev/null || true
chroot "$work/root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  sh -c 'apt-get -o Acquire::Check-Valid-Until=false update && apt-get install -y --no-install-recommends "$@" && apt-get clean' sh "$@"
rm -rf "$work/root/var/lib/apt/lists/"*
chroot "$work/root" cloud-init --version
BUILD
rm -rf "$work/work"
# The machine's resolver was only borrowed for apt.
rm -f "$work/upper/etc/resolv.conf"
mv "$work/upper" "$layer.upper"
rm -rf "$work"
mkdir -p "$layer"
mv "$layer.upper" "$layer/upper"
touch "$layer/.ferry-layer-ready"
echo "twin layer built: $layer"
