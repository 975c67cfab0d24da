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
