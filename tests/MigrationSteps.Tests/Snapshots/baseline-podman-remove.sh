#!/usr/bin/env bash
# Podman baseline: removes the containers and the archives from this host; with everything set, also
# their images and network namespaces. Safe when parts are gone.
set -uo pipefail
# (partial) pm …: Podman as these hosts can run it: root, cgroup v1 through cgroupfs (no systemd), vfs
# storage (the host's root is already an overlay), events in a file, and the same runc as ferry's containers.
pm() {
  PODMAN_IGNORE_CGROUPSV1_WARNING=1 podman --storage-driver vfs --cgroup-manager cgroupfs --events-backend file --runtime runc "$@"
}

pm rm -f counter-counter >/dev/null 2>&1 || true
pm rmi -f localhost/ferry-counter-counter:baseline >/dev/null 2>&1 || true
netns=ctr-counter-counter
if [ -e "/run/netns/$netns" ]; then ip netns del "$netns"; fi
ip link del fcfc000a >/dev/null 2>&1 || true
rm -rf /var/lib/ferry/podman/archives
exit 0
