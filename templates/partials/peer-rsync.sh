# (partial) rsync to another host over ssh with the stack's peer key and pinned host keys.
peer_rsync() {
  rsync -a --inplace --stats \
    -e "ssh -i /root/.ssh/ferry_peer -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=5 -o ControlMaster=auto -o ControlPath=/run/ferry-cm-%C -o ControlPersist=60" \
    "$@"
}
# Prints rsync's "Total bytes sent" as a ferry metric.
rsync_bytes() { awk -F': ' '/Total bytes sent/ {gsub(",", "", $2); print $2}'; }
