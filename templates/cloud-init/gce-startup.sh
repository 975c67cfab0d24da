#!/bin/sh
# GCE startup script of a Ferry host. Debian's GCE images run the guest agent, not cloud-init, so the
# first boot installs cloud-init once and runs it: it then reads the same cloud-config as on AWS and
# Azure from the instance's user-data metadata. Later boots find the marker and do nothing.
set -eu
marker=/var/lib/ferry/cloud-init-bootstrapped
[ -e "$marker" ] && exit 0
if ! command -v cloud-init >/dev/null 2>&1; then
  try=0
  until apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends cloud-init; do
    try=$((try + 1))
    [ "$try" -lt 5 ] || { echo "ferry: cloud-init installation failed" >&2; exit 1; }
    sleep 15
  done
fi
cloud-init init --local
cloud-init init
cloud-init modules --mode=config
cloud-init modules --mode=final
mkdir -p /var/lib/ferry
touch "$marker"
