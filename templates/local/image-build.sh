#!/usr/bin/env bash
# Builds the host image: a Debian trixie minbase root file system with criu from forky.
set -euo pipefail
dir={{ image_dir | q }}
suite={{ suite | q }}
mirror={{ mirror | q }}
criu_suite={{ criu_suite | q }}
criu_version={{ criu_version | q }}
packages={{ packages | q }}
log={{ log_path | q }}

if [ -f "$dir/.ferry-image-ready" ]; then
  echo "image already built: $dir"
  exit 0
fi
rm -rf "$dir.partial"
mkdir -p "$dir.partial" "$(dirname "$log")"
echo "debootstrap $suite into $dir.partial (log: $log)"
if ! debootstrap --variant=minbase --include="$packages" "$suite" "$dir.partial" "$mirror" >"$log" 2>&1; then
  echo "debootstrap failed; see $log" >&2
  tail -n 20 "$log" >&2
  exit 3
fi
root="$dir.partial"
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $criu_suite main
SOURCES
cat >"$root/etc/apt/preferences.d/ferry-criu" <<PREFS
Package: *
Pin: release n=$criu_suite
Pin-Priority: 100
PREFS
# Host policy-rc.d: packages must not start daemons inside the image build.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
if ! chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    sh -c "apt-get -o Acquire::Check-Valid-Until=false update && apt-get -o Acquire::Check-Valid-Until=false install -y --no-install-recommends -t \"\$1\" criu=\"\$2\"" sh "$criu_suite" "$criu_version" >>"$log" 2>&1; then
  echo "installing criu $criu_version from $criu_suite failed; see $log" >&2
  tail -n 20 "$log" >&2
  exit 4
fi
chroot "$root" apt-get clean >>"$log" 2>&1 || true
rm -rf "$root"/var/lib/apt/lists/* "$root"/etc/ssh/ssh_host_*
chroot "$root" criu --version
touch "$root/.ferry-image-ready"
mv "$root" "$dir"
echo "image ready: $dir ($(du -sh "$dir" | cut -f1))"
