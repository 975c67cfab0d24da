# (partial) pm …: Podman as these hosts can run it: root, cgroup v1 through cgroupfs (no systemd), vfs
# storage (the host's root is already an overlay), events in a file, and the same runc as ferry's containers.
pm() {
  PODMAN_IGNORE_CGROUPSV1_WARNING=1 podman --storage-driver vfs --cgroup-manager cgroupfs --events-backend file --runtime runc "$@"
}
