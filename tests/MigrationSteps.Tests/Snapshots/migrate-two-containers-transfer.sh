#!/usr/bin/env bash
# Ships the checkpoint images and the containers' files to the target. Images already there (pre-copy,
# page server) are updated in place, so only changed blocks cross the link. Compression, when on, is for
# both: a database's files are mostly zeros.
set -euo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

# (partial) rsync to another workload over ssh with the stack's peer key and pinned host keys, logged in as the
# inventory's user; rsync runs there under sudo unless that user is root.
peer_rsync() {
  local user rsync_path=rsync
  user=$(cat /root/.ssh/ferry_peer_user)
  [ "$user" = root ] || rsync_path="sudo -n rsync"
  rsync -a --inplace --stats --rsync-path="$rsync_path" \
    -e "ssh -i /root/.ssh/ferry_peer -l $user -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=5 -o ControlMaster=auto -o ControlPath=/run/ferry-cm-%C -o ControlPersist=60" \
    "$@"
}
# Prints rsync's "Total bytes sent" as a ferry metric.
rsync_bytes() { awk -F': ' '/Total bytes sent/ {gsub(",", "", $2); print $2}'; }

# (partial) Bytes this host has sent on the interface that routes to the target.
tx_bytes() { cat "/sys/class/net/$(ip -o route get "$1" | awk '{for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1)}')/statistics/tx_bytes"; }

# (partial) progress_meter TARGET WHAT: once a second, prints how many bytes this host has sent towards
# TARGET since it started and at what rate, as "progress WHAT: …" lines ferry shows live. Needs tx-bytes.sh;
# start it in the background and kill it when the work is done.
progress_meter() {
  local start last now
  start=$(tx_bytes "$1") || return 0
  last=$start
  # sleep gets no handle on the step's output: killed with the meter or not, it must not hold the step
  # open until its second is up (that rounded every transfer up to the meter's next whole second).
  while sleep 1 </dev/null >/dev/null 2>&1; do
    now=$(tx_bytes "$1") || return 0
    printf 'progress %s: %d MB sent, %d.%d MB/s\n' "$2" $(( (now - start) / 1000000 )) $(( (now - last) / 1000000 )) $(( (now - last) % 1000000 / 100000 ))
    last=$now
  done
}

target=10.20.0.11
compress=(--compress --compress-choice=zstd --compress-level=3)
total=0
# (partial) The step's gate. The engine arms a step while the one before it runs: the script is sent, sshd
# and bash start it, and it runs up to here, all off the freeze's path (30-110 ms a step on these hosts,
# most on a front busy with 400 clients). Here it waits for the engine's "go" on the channel's stdin (fd
# $ferry_gate) and ends at once, having done nothing, when it reads end of file instead: a step before it
# failed. Above the gate a script only defines and reads; a script that was not armed passes straight on.
if [ -n "${ferry_gate:-}" ]; then
  ferry_go=
  IFS= read -r -u "$ferry_gate" ferry_go || true
  exec {ferry_gate}<&-
  [ "$ferry_go" = go ] || exit 75
  ferry_gate=
fi

progress_meter "$target" transfer </dev/null 2>&1 &
meter=$!
work=$(mktemp -d)
# A failed rsync ends the script: the meter must not outlive it and hold the step's channel open.
trap 'kill "$meter" 2>/dev/null || true; rm -rf "$work"' EXIT
# (partial) With several containers, each one's part of a step runs in a subshell of its own, side by side
# (inside a freeze, one after the other would add their times): side_by_side_wait waits for them all and
# fails if one failed (each has said why on stderr), after the others finished.
side_by_side=()
side_by_side_wait() {
  local failed=0 p
  for p in "${side_by_side[@]}"; do wait "$p" || failed=1; done
  side_by_side=()
  return "$failed"
}

id=wordpress-db; bundle=/var/lib/ferry/apps/wordpress/db; images=/var/lib/ferry/migrate/20261122-023000-counter/db
(
# The container's files cross while the images are prepared and sent: the two share the SSH connection,
# and the files' rsync mostly waits on round trips.
files_out="$work/files-$id"
peer_rsync "${compress[@]}" --delete "$bundle/rootfs/" "$target:$bundle/rootfs/" </dev/null >"$files_out" 2>&1 &
files_rsync=$!
sent=$(peer_rsync "${compress[@]}" --no-whole-file --exclude status.fifo --exclude dump.log "$images/" "$target:$images/" | rsync_bytes)
if ! wait "$files_rsync"; then
  echo "rsync of $id's files to $target failed:" >&2
  tail -n 5 "$files_out" >&2
  exit 1
fi
files=$(rsync_bytes <"$files_out")
echo $((sent + files)) >"$work/sum-$id"
) &
side_by_side+=($!)
id=wordpress-web; bundle=/var/lib/ferry/apps/wordpress/web; images=/var/lib/ferry/migrate/20261122-023000-counter/web
(
# The container's files cross while the images are prepared and sent: the two share the SSH connection,
# and the files' rsync mostly waits on round trips.
files_out="$work/files-$id"
peer_rsync "${compress[@]}" --delete "$bundle/rootfs/" "$target:$bundle/rootfs/" </dev/null >"$files_out" 2>&1 &
files_rsync=$!
sent=$(peer_rsync "${compress[@]}" --no-whole-file --exclude status.fifo --exclude dump.log "$images/" "$target:$images/" | rsync_bytes)
if ! wait "$files_rsync"; then
  echo "rsync of $id's files to $target failed:" >&2
  tail -n 5 "$files_out" >&2
  exit 1
fi
files=$(rsync_bytes <"$files_out")
echo $((sent + files)) >"$work/sum-$id"
) &
side_by_side+=($!)
side_by_side_wait
for sum in "$work"/sum-*; do total=$((total + $(<"$sum"))); done
kill "$meter" 2>/dev/null || true
out bytes_sent "$total"
