#!/usr/bin/env bash
# Restores the containers from their images (with their TCP connections) and waits until each answers.
set -euo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

# (partial) wait_for SECONDS WHAT COMMAND…: runs COMMAND until it succeeds, every 5 ms for its first 20 tries
# (most waits inside a freeze end within 100 ms), every 20 ms after; once SECONDS have passed, says what it
# waited for on stderr and fails.
wait_for() {
  local limit="$1" what="$2"; shift 2
  local deadline=$(( ${EPOCHREALTIME//[.,]/} + limit * 1000000 )) pause=0.005 tries=0
  until "$@"; do
    if (( ${EPOCHREALTIME//[.,]/} >= deadline )); then
      echo "timed out after ${limit}s waiting for $what" >&2
      return 1
    fi
    (( ++tries < 20 )) || pause=0.02
    nap "$pause"
  done
}
# nap SECONDS: sleeps without a fork (a forked sleep costs 3-4 ms of CPU here, on every try): a read with a
# timeout on a fifo that no one writes to, made at the first nap (a forked sleep if it cannot be).
nap() {
  if [ -z "${nap_fd:-}" ]; then
    local fifo="/run/ferry-nap.$BASHPID"
    if mkfifo -m 600 "$fifo" 2>/dev/null; then exec {nap_fd}<>"$fifo"; rm -f "$fifo"; else nap_fd=-; fi
  fi
  if [ "$nap_fd" = - ]; then sleep "$1"; else read -r -t "$1" -u "$nap_fd" _ || true; fi
}
# wait_written SECONDS WHAT FILE FIFO: waits until FILE is written, woken at once by the line its writer puts
# on FIFO (made beforehand with mkfifo) after it, not at the next 20 ms poll; fails as wait_for does. The
# writer opens FIFO read-write (`echo 1<>FIFO`), so that it never blocks, even with no one waiting.
wait_written() {
  local limit="$1" what="$2" file="$3" fifo="$4" fd written=1
  exec {fd}<>"$fifo"
  [ -s "$file" ] || read -r -t "$limit" -u "$fd" _ || written=0
  exec {fd}>&-
  [ "$written" = 1 ] || { echo "timed out after ${limit}s waiting for $what" >&2; return 1; }
}

# (partial) freezer_of ID: sets $freezer to the freezer.state file of container ID's cgroup, from runc's
# state; fails, saying so, if runc has none. Writing it freezes or thaws the container without a fork:
# `runc pause` and `runc resume` take 25-30 ms each on these hosts.
freezer_of() {
  local state_json=
  read -r -d '' state_json <"/run/runc/$1/state.json" || true
  if ! [[ $state_json =~ \"freezer\":\"([^\"]+)\" ]]; then
    echo "no freezer cgroup for $1 in runc's state; cannot freeze it" >&2
    return 1
  fi
  freezer="${BASH_REMATCH[1]}/freezer.state"
}
frozen() { local state; read -r state <"$freezer"; [ "$state" = FROZEN ]; }

pages_from=10.10.0.11
# (partial) restore_lock / restore_unlock: while an application's containers are restored (side by side,
# each at its own pace), packets routed between them are dropped, so a namespace whose sockets are not restored yet
# cannot answer a restored peer's retransmission with a reset (a web server's open database connection
# would die). Once all run, TCP retransmits what was dropped. Only for applications of several containers.
restore_lock_table=$(printf 'ferry_restore_%s' wordpress-db | tr -c 'a-zA-Z0-9_' _)
restore_lock() {
  local addresses
  addresses=$(IFS=,; echo "$*")
  nft -f - <<NFT
table ip $restore_lock_table {
  chain forward { type filter hook forward priority -10; policy accept; ip daddr { $addresses } drop; }
}
NFT
}
restore_unlock() { nft delete table ip "$restore_lock_table" 2>/dev/null || true; }

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

restore_lock 10.252.0.40 10.252.0.41
id=wordpress-db; bundle=/var/lib/ferry/apps/wordpress/db; images=/var/lib/ferry/migrate/20261122-023000-counter/db; address=10.252.0.40; port=3306; page_port=27100
(
restore_flags=()
# (partial) Restores container $id from $images with its TCP connections (and the strategy's
# ${restore_flags[@]}) and waits until runc says so; needs wait.sh.
cd "$bundle"
rm -f run.status holder.pid "$images/restored.pid" "$images/restore.done"
mkfifo "$images/restore.done"
# The holder names its own session first thing: a step killed right after starting it has no time to.
setsid sh -c 'echo $$ >holder.pid; id="$1" images="$2"; shift 2; sleep infinity | { runc restore -d --tcp-established "$@" --pid-file "$images/restored.pid" --image-path "$images" --work-path "$images" --bundle . "$id"; echo $? > run.status; echo 1<>"$images/restore.done"; } 2>&1 | cat >> log' \
  sh "$id" "$images" "${restore_flags[@]}" </dev/null >/dev/null 2>&1 &
wait_written 60 "runc restore of $id" run.status "$images/restore.done" || true
if [ "$(cat run.status 2>/dev/null)" != 0 ]; then
  echo "runc restore of $id on $(hostname) failed:" >&2
  tail -n 8 "$images/restore.log" >&2 2>/dev/null || tail -n 8 log >&2
  exit 1
fi
# (partial) Wakes the peers of container $id's restored TCP connections (from $images). A peer that sent
# data during the freeze got no ACK, so its retransmission timer backed off (0.2, 0.6, 1.4, 3, 6.2, 12.6 s
# ...): across a 10 s freeze it would wait until ~12.6 s, long after the restore. An ACK from the restored
# side cannot help: a peer in loss recovery does not retransmit a segment twice on duplicate ACKs. An ICMP
# host unreachable that quotes the peer's first unacknowledged byte can: Linux peers undo one back-off
# step per such message and retransmit at once when the undone timer has run out (RFC 6069, the kernel's
# tcp_ld_RTO_revert; other errors are soft, only recorded). That byte is the restored socket's rcv_nxt,
# which criu saved (tcp-stream-INO.img, inq_seq). Bursts follow the restore every 0.25 s for 3 s, so that
# a peer whose route is switched only by the cut-over retransmits again within a quarter second of it.
# Runs detached: the restore does not wait for it; a caller about to remove $images sets nudge_wait=1 to
# wait until it has read them.
read -r -d '' nudge_py <<'PY' || true
import os, socket, struct, sys, time

images = sys.argv[1]

def varint(b, i):
    v = s = 0
    while True:
        c = b[i]; i += 1
        v |= (c & 0x7f) << s; s += 7
        if c < 0x80:
            return v, i

def fields(b):
    out, i = {}, 0
    while i < len(b):
        key, i = varint(b, i)
        kind = key & 7
        if kind == 0:
            v, i = varint(b, i)
        elif kind == 2:
            n, i = varint(b, i); v = b[i:i + n]; i += n
        elif kind == 5:
            v = struct.unpack_from("<I", b, i)[0]; i += 4
        elif kind == 1:
            v = struct.unpack_from("<Q", b, i)[0]; i += 8
        else:
            raise ValueError("wire type %d" % kind)
        out.setdefault(key >> 3, []).append(v)
    return out

def entries(path):
    with open(path, "rb") as f:
        b = f.read()
    i = 8
    while i + 4 <= len(b):
        n = struct.unpack_from("<I", b, i)[0]; i += 4
        yield fields(b[i:i + n]); i += n

def address(v):
    v = v[0]
    if isinstance(v, bytes):
        v = varint(v, 0)[0]
    return socket.inet_ntoa(struct.pack("<I", v))

def checksum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

packets = []
for entry in entries(os.path.join(images, "files.img")):
    if entry.get(1, [0])[0] != 4 or 4 not in entry:
        continue
    sk = fields(entry[4][0])
    if sk.get(3, [0])[0] != socket.AF_INET or sk.get(5, [0])[0] != 6 or sk.get(6, [0])[0] not in (1, 8):
        continue
    try:
        stream = next(entries(os.path.join(images, "tcp-stream-%x.img" % sk[2][0])))
    except (OSError, StopIteration):
        continue
    local, peer = address(sk[11]), address(sk[12])
    inq_len, inq_seq = stream[1][0], stream[2][0]
    for seq in {inq_seq, (inq_seq - inq_len) & 0xffffffff}:
        quoted = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40, 0, 0x4000, 64, 6, 0, socket.inet_aton(peer), socket.inet_aton(local))
        quoted += struct.pack("!HHI", sk[8][0], sk[7][0], seq)
        packets.append((peer, struct.pack("!BBHI", 3, 1, checksum(struct.pack("!BBHI", 3, 1, 0, 0) + quoted), 0) + quoted))

if len(sys.argv) > 2:
    open(sys.argv[2], "w").close()

if packets:
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    start = time.monotonic()
    for at, count in [(0, 16), (0.1, 2)] + [(n / 4, 2) for n in range(1, 13)] + [(4, 2), (6, 2)]:
        time.sleep(max(0, start + at - time.monotonic()))
        for peer, packet in packets:
            for _ in range(count):
                try:
                    raw.sendto(packet, (peer, 0))
                except OSError:
                    pass
PY
# A restore leaves its pid in $images/restored.pid (runc state takes ~0.1 s); a resumed container has none.
restored_pid=$(cat "$images/restored.pid" 2>/dev/null || runc state "$id" 2>/dev/null | sed -n 's/^ *"pid": \([0-9]*\),*/\1/p')
if [ -n "$restored_pid" ]; then
  nudge_ready="$images/nudge.ready"
  rm -f "$nudge_ready"
  setsid nsenter --net="/proc/$restored_pid/ns/net" python3 -c "$nudge_py" "$images" "$nudge_ready" </dev/null >/dev/null 2>&1 &
  if [ "${nudge_wait:-0}" = 1 ]; then
    for _ in $(seq 60); do [ -e "$nudge_ready" ] && break; sleep 0.05; done
  fi
fi


# Here an accepted connection is enough (the application's own answer is the front's to wait for, through
# the new route): no health check declared for app_answers.
health_http=; health_send=; health_expect=
# (partial) Waits until container $id answers its health check (see app-answers.sh); needs wait.sh. A try
# starts every quarter second (every second after the fourth, so that a slow application is not flooded),
# each with its full time, and the first answer counts: one whose first SYN is lost on a route just
# switched would otherwise wait out TCP's 1 s retransmission (a cut-over's check took 1.07 s so, twice in
# one bench), while an application slow to answer its first request still gets the time it needs. Tries
# report on a pipe this shell reads with a timeout, so an answer ends the wait at once: an anonymous one,
# opened read-write through a process substitution's /dev/fd (mktemp and mkfifo were two execs, 20-40 ms
# each on a loaded host). Once one has answered or the time is up, the tries still waiting are stopped
# with their children, off the downtime's path.
# (partial) app_answers: whether container $id answers as its clients need it to on $address:$port within
# 2 s: an HTTP GET of $health_http answered 200, or $health_send answered with a line starting with
# $health_expect; with neither declared, an accepted TCP connection.
app_answers() {
  if [ -n "$health_http" ]; then
    [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$address:$port$health_http" 2>/dev/null)" = 200 ]
  elif [ -n "$health_send" ]; then
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "%s" "$2" >&3 && IFS= read -r reply <&3 && [[ "$reply" == "$3"* ]]' \
      "$address" "$port" "$health_send" "$health_expect" 2>/dev/null
  else
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$address" "$port" 2>/dev/null
  fi
}
# app_answers_try: the same check for a try that its caller ends (wait-answer.sh): a connection in this
# shell, with no timeout and no second bash to start (two execs, 20-50 ms on a host under load, inside the
# downtime); the answer still has its 2 s.
app_answers_try() {
  if [ -n "$health_http" ]; then
    app_answers
  elif [ -n "$health_send" ]; then
    local reply
    { printf '%s' "$health_send" >&3 && IFS= read -r -t 2 reply <&3 && [[ "$reply" == "$health_expect"* ]]; } 3<>"/dev/tcp/$address/$port"
  else
    { :; } 3<>"/dev/tcp/$address/$port"
  fi
}

if [ -n "$port" ]; then
  answer_pids=(); answered=0
  exec {answers}<> <(:)
  answers_soon() {
    { app_answers_try && echo yes >&"$answers"; } </dev/null >/dev/null 2>&1 &
    answer_pids+=("$!")
    local wait=0.25
    (( ${#answer_pids[@]} < 4 )) || wait=1
    read -r -t "$wait" -u "$answers" _
  }
  wait_for 30 "$id to answer on $address:$port" answers_soon && answered=1
  exec {answers}>&-
  { set +e; for pid in "${answer_pids[@]}"; do pkill -P "$pid"; kill "$pid"; done; } </dev/null >/dev/null 2>&1 &
  [ "$answered" = 1 ]
fi

if [ -f "$images/stats-restore" ]; then out criu_stats_restore".$id" "$(base64 -w0 "$images/stats-restore")"; fi
) &
side_by_side+=($!)
id=wordpress-web; bundle=/var/lib/ferry/apps/wordpress/web; images=/var/lib/ferry/migrate/20261122-023000-counter/web; address=10.252.0.41; port=80; page_port=27101
(
restore_flags=()
# (partial) Restores container $id from $images with its TCP connections (and the strategy's
# ${restore_flags[@]}) and waits until runc says so; needs wait.sh.
cd "$bundle"
rm -f run.status holder.pid "$images/restored.pid" "$images/restore.done"
mkfifo "$images/restore.done"
# The holder names its own session first thing: a step killed right after starting it has no time to.
setsid sh -c 'echo $$ >holder.pid; id="$1" images="$2"; shift 2; sleep infinity | { runc restore -d --tcp-established "$@" --pid-file "$images/restored.pid" --image-path "$images" --work-path "$images" --bundle . "$id"; echo $? > run.status; echo 1<>"$images/restore.done"; } 2>&1 | cat >> log' \
  sh "$id" "$images" "${restore_flags[@]}" </dev/null >/dev/null 2>&1 &
wait_written 60 "runc restore of $id" run.status "$images/restore.done" || true
if [ "$(cat run.status 2>/dev/null)" != 0 ]; then
  echo "runc restore of $id on $(hostname) failed:" >&2
  tail -n 8 "$images/restore.log" >&2 2>/dev/null || tail -n 8 log >&2
  exit 1
fi
# (partial) Wakes the peers of container $id's restored TCP connections (from $images). A peer that sent
# data during the freeze got no ACK, so its retransmission timer backed off (0.2, 0.6, 1.4, 3, 6.2, 12.6 s
# ...): across a 10 s freeze it would wait until ~12.6 s, long after the restore. An ACK from the restored
# side cannot help: a peer in loss recovery does not retransmit a segment twice on duplicate ACKs. An ICMP
# host unreachable that quotes the peer's first unacknowledged byte can: Linux peers undo one back-off
# step per such message and retransmit at once when the undone timer has run out (RFC 6069, the kernel's
# tcp_ld_RTO_revert; other errors are soft, only recorded). That byte is the restored socket's rcv_nxt,
# which criu saved (tcp-stream-INO.img, inq_seq). Bursts follow the restore every 0.25 s for 3 s, so that
# a peer whose route is switched only by the cut-over retransmits again within a quarter second of it.
# Runs detached: the restore does not wait for it; a caller about to remove $images sets nudge_wait=1 to
# wait until it has read them.
read -r -d '' nudge_py <<'PY' || true
import os, socket, struct, sys, time

images = sys.argv[1]

def varint(b, i):
    v = s = 0
    while True:
        c = b[i]; i += 1
        v |= (c & 0x7f) << s; s += 7
        if c < 0x80:
            return v, i

def fields(b):
    out, i = {}, 0
    while i < len(b):
        key, i = varint(b, i)
        kind = key & 7
        if kind == 0:
            v, i = varint(b, i)
        elif kind == 2:
            n, i = varint(b, i); v = b[i:i + n]; i += n
        elif kind == 5:
            v = struct.unpack_from("<I", b, i)[0]; i += 4
        elif kind == 1:
            v = struct.unpack_from("<Q", b, i)[0]; i += 8
        else:
            raise ValueError("wire type %d" % kind)
        out.setdefault(key >> 3, []).append(v)
    return out

def entries(path):
    with open(path, "rb") as f:
        b = f.read()
    i = 8
    while i + 4 <= len(b):
        n = struct.unpack_from("<I", b, i)[0]; i += 4
        yield fields(b[i:i + n]); i += n

def address(v):
    v = v[0]
    if isinstance(v, bytes):
        v = varint(v, 0)[0]
    return socket.inet_ntoa(struct.pack("<I", v))

def checksum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

packets = []
for entry in entries(os.path.join(images, "files.img")):
    if entry.get(1, [0])[0] != 4 or 4 not in entry:
        continue
    sk = fields(entry[4][0])
    if sk.get(3, [0])[0] != socket.AF_INET or sk.get(5, [0])[0] != 6 or sk.get(6, [0])[0] not in (1, 8):
        continue
    try:
        stream = next(entries(os.path.join(images, "tcp-stream-%x.img" % sk[2][0])))
    except (OSError, StopIteration):
        continue
    local, peer = address(sk[11]), address(sk[12])
    inq_len, inq_seq = stream[1][0], stream[2][0]
    for seq in {inq_seq, (inq_seq - inq_len) & 0xffffffff}:
        quoted = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40, 0, 0x4000, 64, 6, 0, socket.inet_aton(peer), socket.inet_aton(local))
        quoted += struct.pack("!HHI", sk[8][0], sk[7][0], seq)
        packets.append((peer, struct.pack("!BBHI", 3, 1, checksum(struct.pack("!BBHI", 3, 1, 0, 0) + quoted), 0) + quoted))

if len(sys.argv) > 2:
    open(sys.argv[2], "w").close()

if packets:
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    start = time.monotonic()
    for at, count in [(0, 16), (0.1, 2)] + [(n / 4, 2) for n in range(1, 13)] + [(4, 2), (6, 2)]:
        time.sleep(max(0, start + at - time.monotonic()))
        for peer, packet in packets:
            for _ in range(count):
                try:
                    raw.sendto(packet, (peer, 0))
                except OSError:
                    pass
PY
# A restore leaves its pid in $images/restored.pid (runc state takes ~0.1 s); a resumed container has none.
restored_pid=$(cat "$images/restored.pid" 2>/dev/null || runc state "$id" 2>/dev/null | sed -n 's/^ *"pid": \([0-9]*\),*/\1/p')
if [ -n "$restored_pid" ]; then
  nudge_ready="$images/nudge.ready"
  rm -f "$nudge_ready"
  setsid nsenter --net="/proc/$restored_pid/ns/net" python3 -c "$nudge_py" "$images" "$nudge_ready" </dev/null >/dev/null 2>&1 &
  if [ "${nudge_wait:-0}" = 1 ]; then
    for _ in $(seq 60); do [ -e "$nudge_ready" ] && break; sleep 0.05; done
  fi
fi


# Here an accepted connection is enough (the application's own answer is the front's to wait for, through
# the new route): no health check declared for app_answers.
health_http=; health_send=; health_expect=
# (partial) Waits until container $id answers its health check (see app-answers.sh); needs wait.sh. A try
# starts every quarter second (every second after the fourth, so that a slow application is not flooded),
# each with its full time, and the first answer counts: one whose first SYN is lost on a route just
# switched would otherwise wait out TCP's 1 s retransmission (a cut-over's check took 1.07 s so, twice in
# one bench), while an application slow to answer its first request still gets the time it needs. Tries
# report on a pipe this shell reads with a timeout, so an answer ends the wait at once: an anonymous one,
# opened read-write through a process substitution's /dev/fd (mktemp and mkfifo were two execs, 20-40 ms
# each on a loaded host). Once one has answered or the time is up, the tries still waiting are stopped
# with their children, off the downtime's path.
# (partial) app_answers: whether container $id answers as its clients need it to on $address:$port within
# 2 s: an HTTP GET of $health_http answered 200, or $health_send answered with a line starting with
# $health_expect; with neither declared, an accepted TCP connection.
app_answers() {
  if [ -n "$health_http" ]; then
    [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$address:$port$health_http" 2>/dev/null)" = 200 ]
  elif [ -n "$health_send" ]; then
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "%s" "$2" >&3 && IFS= read -r reply <&3 && [[ "$reply" == "$3"* ]]' \
      "$address" "$port" "$health_send" "$health_expect" 2>/dev/null
  else
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$address" "$port" 2>/dev/null
  fi
}
# app_answers_try: the same check for a try that its caller ends (wait-answer.sh): a connection in this
# shell, with no timeout and no second bash to start (two execs, 20-50 ms on a host under load, inside the
# downtime); the answer still has its 2 s.
app_answers_try() {
  if [ -n "$health_http" ]; then
    app_answers
  elif [ -n "$health_send" ]; then
    local reply
    { printf '%s' "$health_send" >&3 && IFS= read -r -t 2 reply <&3 && [[ "$reply" == "$health_expect"* ]]; } 3<>"/dev/tcp/$address/$port"
  else
    { :; } 3<>"/dev/tcp/$address/$port"
  fi
}

if [ -n "$port" ]; then
  answer_pids=(); answered=0
  exec {answers}<> <(:)
  answers_soon() {
    { app_answers_try && echo yes >&"$answers"; } </dev/null >/dev/null 2>&1 &
    answer_pids+=("$!")
    local wait=0.25
    (( ${#answer_pids[@]} < 4 )) || wait=1
    read -r -t "$wait" -u "$answers" _
  }
  wait_for 30 "$id to answer on $address:$port" answers_soon && answered=1
  exec {answers}>&-
  { set +e; for pid in "${answer_pids[@]}"; do pkill -P "$pid"; kill "$pid"; done; } </dev/null >/dev/null 2>&1 &
  [ "$answered" = 1 ]
fi

if [ -f "$images/stats-restore" ]; then out criu_stats_restore".$id" "$(base64 -w0 "$images/stats-restore")"; fi
) &
side_by_side+=($!)
side_by_side_wait
restore_unlock
out restored_at "$EPOCHREALTIME"
