# (partial) unmount_under DIR: unmounts whatever is mounted on or below DIR, deepest first (a criu killed
# mid-restore leaves its cgroup yard mounted in the images directory, which rm cannot remove; the hybrid
# strategy's dump goes to a tmpfs mounted on it).
unmount_under() {
  awk -v dir="$1" '$2 == dir || index($2, dir "/") == 1 { print $2 }' /proc/mounts | sort -r | while read -r mount; do umount -l "$mount" 2>/dev/null; done
}
