#!/usr/bin/env bash
# A failed move after the checkpoint started: brings every container back on the source as it was at the
# freeze. Each container is where the checkpoint left it: still running (its dump never happened or
# criu resumed it), frozen (a post-copy dump keeps it so until the target lets go: thawed here), or gone
# (restored from its images, with what the strategy needs first, e.g. pages fetched back from the target's
# page server). Reports which it was, and removes the images of each container back up.
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

# (partial) unmount_under DIR: unmounts whatever is mounted on or below DIR, deepest first (a criu killed
# mid-restore leaves its cgroup yard mounted in the images directory, which rm cannot remove; the hybrid
# strategy's dump goes to a tmpfs mounted on it).
unmount_under() {
  awk -v dir="$1" '$2 == dir || index($2, dir "/") == 1 { print $2 }' /proc/mounts | sort -r | while read -r mount; do umount -l "$mount" 2>/dev/null; done
}

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

# (partial) A move's own nftables rules on this host, one table each, named after one of the move's
# leased page-server ports, so that concurrent moves never touch each other's rules.
# guard_port PORT PEER…: only the PEERs may open TCP connections to PORT (criu's page server and lazy-pages
# server do not authenticate), until unguard_port PORT.
# count_sent KEY TARGET: counts the bytes this host itself sends to TARGET (rsync over ssh, page servers;
# not the containers' answers to their clients, which the host forwards), until sent_bytes KEY prints the
# count and removes the counter.
guard_port() {
  local port="$1" IFS=,
  shift
  unguard_port "$port"
  printf 'table ip ferry_port_%s {\n  chain input {\n    type filter hook input priority -5; policy accept;\n    tcp dport %s ip saddr != { %s } reject with tcp reset\n  }\n}\n' "$port" "$port" "$*" | nft -f -
}
unguard_port() { nft delete table ip "ferry_port_$1" 2>/dev/null || true; }
count_sent() {
  nft list table ip "ferry_sent_$1" >/dev/null 2>&1 && return 0
  printf 'table ip ferry_sent_%s {\n  chain output {\n    type filter hook output priority 0; policy accept;\n    ip daddr %s counter\n  }\n}\n' "$1" "$2" | nft -f -
}
sent_bytes() {
  local table
  table=$(nft list table ip "ferry_sent_$1" 2>/dev/null) || return 0
  nft delete table ip "ferry_sent_$1" 2>/dev/null || true
  if [[ $table =~ bytes\ ([0-9]+) ]]; then printf '%s' "${BASH_REMATCH[1]}"; fi
}

# (partial) criu_unlock NETNS: takes away what a criu killed mid-dump left in network namespace NETNS. With
# --tcp-established criu locks the network (an nftables table CRIU-<run id>, or with iptables a CRIU chain
# that INPUT and OUTPUT jump to, either dropping every packet but criu's own) and unlocks it when it lets
# go; killed in between, it leaves the lock, and the application, thawed and well, answers no one
# (measured: a dump killed 0.12 s in left the counter silent for good). Each dump adds its own.
criu_unlock() {
  local tables family name
  while read -r _ family name; do
    case "$name" in CRIU-*) ip netns exec "$1" nft delete table "$family" "$name" ;; esac
  done < <(ip netns exec "$1" nft list tables 2>/dev/null)
  for tables in iptables ip6tables; do
    ip netns exec "$1" "$tables" -w -n -L CRIU >/dev/null 2>&1 || continue
    while ip netns exec "$1" "$tables" -w -D INPUT -j CRIU 2>/dev/null; do :; done
    while ip netns exec "$1" "$tables" -w -D OUTPUT -j CRIU 2>/dev/null; do :; done
    ip netns exec "$1" "$tables" -w -F CRIU && ip netns exec "$1" "$tables" -w -X CRIU
  done
}

target=10.20.0.11; pages_from=10.10.0.11
# ended PIDFILE: the process it names is gone.
ended() { ! kill -0 "$(cat "$1")" 2>/dev/null; }
id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; netns=ctr-counter-counter; address=10.252.0.10; port=8080; page_port=27100
if [ -f "$images/dump.pid" ]; then
  # The failed step was killed, not its dump (partials/criu-shield.sh): the container is criu's until it ends.
  if ! wait_for 60 "the dump of $id, left running by the failed step, to end" ended "$images/dump.pid"; then
    echo "the dump of $id still runs: killing criu would kill $id, so the rollback waits for it" >&2
    exit 1
  fi
fi
state=$(runc state "$id" 2>/dev/null || true)
[[ $state =~ \"status\":\ \"([a-z]+)\" ]] && status=${BASH_REMATCH[1]} || status=absent
if [ -f "$images/checkpoint.pid" ]; then
  # A post-copy dump holds the frozen tasks until the target lets go (rollback-target stopped it first).
  if ! wait_for 3 "the dump of $id to let go of it" ended "$images/checkpoint.pid"; then
    pkill -KILL -s "$(cat "$images/checkpoint.pid")" 2>/dev/null || true
  fi
fi
if [ -e "/run/netns/$netns" ]; then
  ip netns exec "$netns" nft delete table inet ferry_hold 2>/dev/null || true
  criu_unlock "$netns"
fi
case "$status" in
  running)
    how=running ;;
  paused)
    runc resume "$id"
    # Its clients' retransmission timers backed off while it was frozen and cut off, as across a restore.
    nudge_wait=1
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

    how=resumed ;;
  *)
    runc delete -f "$id" >/dev/null 2>&1 || true
    if [ -f "$bundle/holder.pid" ]; then pkill -KILL -s "$(cat "$bundle/holder.pid")" 2>/dev/null || true; fi
    if [ ! -f "$images/inventory.img" ]; then
      out brought_back".$id" lost
      echo "$id died during its dump, before criu had written its images (criu killed while it worked inside $id kills it): nothing is left to bring it back from, and its memory is lost" >&2
      exit 1
    fi
    # rollback: a strategy's restore takes the plain way here, with every page in place before it runs.
    restore_flags=(); rollback=1
    nudge_wait=1
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


    how=restored ;;
esac
health_http=/peek; health_send=''; health_expect=''
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

out brought_back".$id" "$how"
# The application runs again: its images are of no more use here; one that cannot go does not undo that.
unmount_under "$images"; unmount_under "$images.pre"
rm -rf "$images" "$images.pre" 2>/dev/null || true
rmdir "$(dirname "$images")" 2>/dev/null || true
out resumed_at "$EPOCHREALTIME"
unguard_port 27100
out sent_to_target "$(sent_bytes 27100)"
