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

id=counter-counter; bundle=/var/lib/ferry/apps/counter/counter; images=/var/lib/ferry/migrate/20261122-023000-counter/counter; address=10.252.0.10; port=8080; page_port=27100
restore_flags=()
# (strategy partial) Makes criu's images of $id whole from the copy shipped while it ran and the pages
# that changed (recipes from strategies/hybrid/transfer.sh), then restores. Each page file is that copy taken
# over: where memory was allocated or freed since the copy, its unchanged pages are moved in place to the
# new layout (in the page cache: 700 MiB in 0.23-0.34 s here; criu restore read the same pages from criu
# parent images in 1.0-1.5 s, and copying them into a new file took 1.6 s), then the changed pages written
# in. The page stream's unpack does this as each file arrives; what is left (an uncompressed transfer) is
# done here. Where the target has userfaultfd (the strategy then has a post-copy step, which waits for it),
# criu does not read the pages in itself, one page fault per page (1.5 s for 512 MiB on these VMs): a criu
# lazy-pages daemon with no page server fills them from the local page files. On the source (a rollback)
# the images are whole, and the restore reads them: nothing would wait for a daemon there.
# (strategy partial) pages SUBCOMMAND ARGS…: the page-copy helper (pages.py beside this file) in python3,
# which every host image has; peer_ssh runs a command on $target with the peer key. Builtins only here:
# this runs inside the freeze.
# It runs as a module kept in $pages_lib, a directory per version of it (named by a hash of its source),
# which python compiles once: compiling the source on every call cost 22-28 ms on these hosts, and two
# calls are inside the freeze (the delta on the source, the rebuild on the target). The source stays in a
# here-document that only an install reads: read into a variable, bash took it a byte at a time (31,600
# reads: 45-90 ms here, in each container's part of the transfer and of the restore).
pages_lib=/var/lib/ferry/lib/pages-81cdd87c5f1ceae9
pages_source() {
  cat <<'FERRY_PAGES_PY'
"""Page-level copies of a running container's memory, without dirty-memory tracking.

snapshot DIR PID...      reads every private anonymous page of the processes from /proc/PID/mem while
                         they run (no freeze): DIR/map-VPID lists (vaddr, pages) runs, DIR/pages-VPID the data;
                         and the shared memory they map: DIR/map-shmem-INODE (offset, pages), DIR/pages-shmem-INODE
delta OLD NEW OUT        for every page file of NEW (a snapshot, or criu's images: pagemap-VPID.img or
                         pagemap-shmem-INODE.img, and pages-ID.img) a recipe against OLD's file of the same
                         process or segment: runs of pages that OLD already has (compared byte for byte)
                         are copied on the other side, the rest is sent literally; OUT/NAME.recipe and
                         OUT/NAME.lit per page file
stream OLD NEW OUT       NEW's other files (not its logs), then delta, each page file's recipe and changed pages
                         written to stdout as soon as its comparison ends (the rest still being compared while
                         they cross the link), then an end line; the totals go to OUT/summary
unpack DEST [OLD]        reads such a stream into DEST: the files, and DEST/NAME.{recipe,lit} for the page
                         files (changed pages come as XORs with OLD's, undone here), each rebuilt from
                         OLD's (taken over) as soon as it is in; fails on a stream cut short
apply OLD DELTA DEST     builds DEST/NAME from OLD's pages and DELTA/NAME.{recipe,lit}
parent OLD DELTA DEST    the same for criu's images in DEST (what unpack did not rebuild): OLD's page file
                         taken over, its pages moved in place to the new layout
sample SECONDS PID...    memory size; over SECONDS, the bytes rewritten and how fast they grow; over SECONDS
                         more, the bytes touched and how fast they grow

Pages are aligned, so an aligned comparison by virtual address finds what changed without rsync's rolling
checksum; the source keeps an exact copy of what the target has, so nothing but the changed pages and the
recipes cross the link.
"""
import ctypes
import marshal
import mmap
import os
import struct
import sys
import time
import zlib

PAGE = 4096
CHUNK = 256  # pages compared at once before looking at single pages
PM_PRESENT, PM_SWAP, PM_FILE = 1 << 63, 1 << 62, 1 << 61
PFN_MASK = (1 << 55) - 1
CRIU_COMMON_MAGIC = 0x54564319
PE_PARENT, PE_PRESENT = 1, 1 << 2
WORKERS = min(2, os.cpu_count() or 1)  # processes comparing one page file side by side
SPLIT_FROM = 64 << 20  # page files from this size are compared in parts
libc = ctypes.CDLL(None, use_errno=True)
libc.memcmp.restype = ctypes.c_int
libc.memcmp.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t]
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]


def vpid(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("NSpid:"):
                return int(line.split()[-1])
    return pid


def zero_pfn():
    """The kernel's shared zero page: criu never dumps pages mapped to it."""
    addr = libc.mmap(None, PAGE, mmap.PROT_READ, mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS, -1, 0)
    ctypes.string_at(addr, 1)
    with open("/proc/self/pagemap", "rb") as f:
        f.seek(addr // PAGE * 8)
        entry = struct.unpack("<Q", f.read(8))[0]
    return entry & PFN_MASK if entry & PM_PRESENT else -1


def private_runs(pid, zero):
    """(vaddr, pages) runs of the pages criu would dump: private, anonymous (or copied-on-write), not the zero page."""
    runs = []
    infected = False
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/pagemap", "rb", buffering=0) as pagemap:
        for line in maps:
            fields = line.split()
            if fields[1][3] != "p" or (len(fields) > 5 and fields[5] in ("[vvar]", "[vdso]", "[vsyscall]", "[vvar_vclock]")):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            entries = pagemap_entries(pagemap, start, end)
            # criu's parasite writes into the first page of the first executable mapping, which makes that
            # page the process's own by the time criu dumps it: take it too, so the layouts match.
            first_exec = not infected and fields[1][2] == "x"
            infected = infected or first_exec
            run_start, run_len = 0, 0
            for i, e in enumerate(entries):
                keep = (e & PM_SWAP) or (e & PM_PRESENT and (not e & PM_FILE or (first_exec and i == 0)) and (e & PFN_MASK) != zero)
                if keep and run_len and run_start + run_len * PAGE == start + i * PAGE:
                    run_len += 1
                    continue
                if run_len:
                    runs.append((run_start, run_len))
                run_start, run_len = (start + i * PAGE, 1) if keep else (0, 0)
            if run_len:
                runs.append((run_start, run_len))
    return runs


def pagemap_entries(pagemap, start, end):
    count = (end - start) // PAGE
    data = os.pread(pagemap.fileno(), count * 8, start // PAGE * 8)
    return struct.unpack(f"<{len(data) // 8}Q", data)


def snapshot(out, pids):
    os.makedirs(out, exist_ok=True)
    zero = zero_pfn()
    view = memoryview(bytearray(8 << 20))
    total = 0
    for pid in pids:
        mem = os.open(f"/proc/{pid}/mem", os.O_RDONLY)
        total += copy_runs(mem, private_runs(pid, zero), view, out, vpid(pid))
        os.close(mem)
    for shmid, path in shared_segments(pids).items():
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # unmapped since the maps were read
        # Its data, not its holes. Without it PHP's opcache (23 MB in WordPress) crossed whole in every freeze.
        total += copy_runs(fd, data_runs(fd), view, out, f"shmem-{shmid}")
        os.close(fd)
    return total


def copy_runs(fd, runs, view, out, key):
    """Copies the (offset, pages) RUNS of FD (a process's memory, a shared segment) into OUT/pages-KEY, and
    the runs copied into OUT/map-KEY; the bytes copied."""
    kept, total = [], 0
    with open(os.path.join(out, f"pages-{key}"), "wb") as pages:
        for addr, count in runs:
            done = 0
            while done < count:
                n = min(count - done, len(view) // PAGE)
                try:
                    got = os.preadv(fd, [view[: n * PAGE]], addr + done * PAGE)
                except OSError:
                    got = 0  # unmapped since the maps were read: those pages are simply not in the copy
                got -= got % PAGE
                if got:
                    pages.write(view[:got])
                    kept.append((addr + done * PAGE, got // PAGE))
                    total += got
                if got < n * PAGE:
                    break
                done += n
    with open(os.path.join(out, f"map-{key}"), "wb") as f:
        f.write(b"".join(struct.pack("<QI", a, n) for a, n in kept))
    return total


def data_runs(fd):
    """(offset, pages) runs of a shared segment's data, skipping its holes."""
    at, size = 0, os.fstat(fd).st_size
    while at < size:
        try:
            at = os.lseek(fd, at, os.SEEK_DATA)
            end = min(size, os.lseek(fd, at, os.SEEK_HOLE))
        except OSError:
            return  # no data after `at`
        yield at, -(-(end - at) // PAGE)
        at = end


def shared_segments(pids):
    """{inode: /proc/PID/map_files/RANGE} of the shared memory the processes map (on the kernel's internal
    shmem mount, 00:01). criu dumps an anonymous shared segment once, as pagemap-shmem-INODE.img, by offset
    in the segment; a segment it names otherwise finds no copy here, and its pages are sent."""
    segments = {}
    for pid in pids:
        with open(f"/proc/{pid}/maps") as maps:
            for line in maps:
                fields = line.split()
                if fields[1][3] == "s" and fields[3] == "00:01" and fields[4] != "0" and int(fields[4]) not in segments:
                    segments[int(fields[4])] = f"/proc/{pid}/map_files/{fields[0]}"
    return segments


def varints(data):
    """Fields of one protobuf message as {number: value} (only the varint fields criu's pagemap uses)."""
    fields, i = {}, 0
    while i < len(data):
        key, i = varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            fields[number], i = varint(data, i)
        elif wire == 2:
            size, i = varint(data, i)
            i += size
        elif wire == 1:
            i += 8
        elif wire == 5:
            i += 4
        else:
            raise ValueError(f"protobuf wire type {wire}")
    return fields


def varint(data, i):
    value, shift = 0, 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return value, i


def criu_messages(path):
    """(magic bytes, [message fields]) of a criu protobuf image; a pagemap's first message is its head."""
    with open(path, "rb") as f:
        data = f.read()
    i = 8 if struct.unpack_from("<I", data)[0] == CRIU_COMMON_MAGIC else 4
    magic, messages = data[:i], []
    while i < len(data):
        size = struct.unpack_from("<I", data, i)[0]
        messages.append(varints(data[i + 4 : i + 4 + size]))
        i += 4 + size
    return magic, messages


def entry_pages(e):
    # criu 4 counts pages in field 5 (64 bits) and leaves the old 32-bit field 2 at 0.
    return e.get(5) or e.get(2, 0)


def entry_flags(e):
    return PE_PARENT if e.get(3) else e.get(4, PE_PRESENT)


def criu_pagemap(path):
    """(pages_id, [(vaddr, pages)]) of a criu pagemap image: the runs whose data is in pages-ID.img, in file order."""
    _, messages = criu_messages(path)
    runs = [(e[1], entry_pages(e)) for e in messages[1:] if entry_flags(e) & PE_PRESENT and entry_pages(e)]
    return messages[0][1], runs


def page_files(directory):
    """{file name: (key, runs)} for the page files in a snapshot or a criu image directory; the key is a
    process's pid or shmem-INODE for a shared segment, whose runs are offsets in it."""
    files = {}
    for name in os.listdir(directory):
        if name.startswith("map-"):
            key = name[4:]
            with open(os.path.join(directory, name), "rb") as f:
                files[f"pages-{key}"] = (key, list(struct.iter_unpack("<QI", f.read())))
        elif name.startswith("pagemap-") and name.endswith(".img") and name[8:-4].removeprefix("shmem-").isdigit():
            pages_id, runs = criu_pagemap(os.path.join(directory, name))
            files[f"pages-{pages_id}.img"] = (name[8:-4], runs)
    return files


class PageFile:
    """A page file read into one reused buffer: copies out of the page cache take no page faults, and on
    shadow-paged VMs (these) a fault costs more than the copy (a compare of 512 MiB mapped took 0.28 s).
    The buffer is the process's own for its SLOT (0 new, 1 base), shared by the files it compares one after
    another: a fresh one per file took 21 of the 110 ms that WordPress's web server's 12 files took."""

    WINDOW = CHUNK * PAGE * 4
    buffers = {}

    def __init__(self, path, slot):
        self.fd = os.open(path, os.O_RDONLY)
        self.size = os.fstat(self.fd).st_size
        if slot not in PageFile.buffers:
            buf = bytearray(self.WINDOW)
            PageFile.buffers[slot] = (memoryview(buf), ctypes.addressof(ctypes.c_char.from_buffer(buf)))
        self.buf, self.addr = PageFile.buffers[slot]
        self.at, self.held = 0, 0

    def close(self):
        os.close(self.fd)

    def view(self, a, length):
        """The address of the file's bytes [a, a + length) in the buffer (length at most CHUNK pages)."""
        if not (self.at <= a and a + length <= self.at + self.held):
            self.at, self.held = a, os.preadv(self.fd, [self.buf], a)
            if self.held < length:
                raise SystemExit(f"short read of a page file at {a}")
        return self.addr + a - self.at

    def held_bytes(self, a, length):
        """The file's bytes [a, a + length), already in the buffer."""
        return self.buf[a - self.at : a - self.at + length]

    def read(self, a, length):
        return os.pread(self.fd, length, a)


def offsets(runs):
    """[(vaddr, pages, file offset)] sorted by vaddr."""
    out, off = [], 0
    for addr, n in runs:
        out.append((addr, n, off))
        off += n * PAGE
    return sorted(out)


def delta(old_dir, new_dir, out, done=None, new_files=None, xor=False):
    """Recipes in OUT for NEW's page files (NEW_FILES, page_files(NEW) if not given) against OLD's;
    DONE(name), if given, as each is written. With XOR, changed pages that OLD holds at the same address
    go as their XOR with OLD's page, and the recipe lists them in x lines (see compare_part)."""
    os.makedirs(out, exist_ok=True)
    old = {key: (name, runs) for name, (key, runs) in page_files(old_dir).items()}
    literal = copied = 0
    for name, (key, runs) in (new_files or page_files(new_dir)).items():
        new_path = os.path.join(new_dir, name)
        size = os.path.getsize(new_path)
        described = sum(n for _, n in runs) * PAGE
        if described != size:
            raise SystemExit(f"{name}: its pagemap describes {described} bytes, the file holds {size}: not rebuilding it")
        base_name, base_runs = old.get(key, (None, []))
        base_path = os.path.join(old_dir, base_name) if base_name else None
        index = offsets(base_runs)
        parts = split_runs(runs, WORKERS if size >= SPLIT_FROM else 1)
        results = side_by_side(
            [(compare_part, (new_path, base_path, index, part, dst, os.path.join(out, f"{name}.lit.{i}"), xor)) for i, (part, dst) in enumerate(parts)],
            os.path.join(out, f"{name}.part"),
        )
        # The first part's literal pages become the blob; the others' are appended to it.
        lit_path = os.path.join(out, name + ".lit")
        os.rename(f"{lit_path}.0", lit_path)
        steps, xors, lit_off = [], [], 0
        with open(lit_path, "r+b") as lit:
            for i, (part_steps, part_literal, part_copied, part_xors) in enumerate(results):
                if i:
                    with open(f"{lit_path}.{i}", "rb") as f:
                        copy_range(f.fileno(), lit.fileno(), 0, lit_off, part_literal)
                    os.unlink(f"{lit_path}.{i}")
                for kind, d, src, n in part_steps:
                    append_step(steps, kind, d, src + lit_off if kind == "l" else src, n)
                for at, src, n in part_xors:
                    append_step(xors, "x", at + lit_off, src, n)
                lit_off += part_literal
                literal += part_literal
                copied += part_copied
        with open(os.path.join(out, name + ".recipe"), "w") as f:
            f.write(f"base {base_name or ''}\nsize {size}\n")
            f.writelines(f"{k} {d} {src} {length}\n" for k, d, src, length in steps + xors)
        if name.startswith("pages-") and not name.endswith(".img"):
            os.link(os.path.join(new_dir, f"map-{key}"), os.path.join(out, f"map-{key}"))
        if done:
            done(name)
    return literal, copied


def stream(old_dir, new_dir, out):
    """delta with XORs (see compare_part), sending each page file's recipe and literal pages down stdout as
    soon as they are made; first NEW's other images (criu's process tree, files, sockets: a few hundred kB), which cross while the
    first page file is compared, in this stream rather than an rsync of their own (one more SSH session
    and rsync pair inside the freeze, on hosts whose two cores the freeze already keeps busy)."""
    sink = sys.stdout.buffer
    sent = []

    def send(name):
        with open(os.path.join(out, name + ".recipe"), "rb") as f:
            recipe = f.read()
        lit = os.path.join(out, name + ".lit")
        size = os.path.getsize(lit)
        sink.write(f"{name} {len(recipe)} {size}\n".encode())
        sink.write(recipe)
        with open(lit, "rb") as f:
            while chunk := f.read(1 << 20):
                sink.write(chunk)
        sink.flush()
        sent.append(name)

    try:
        new_files = page_files(new_dir)
        for name in sorted(os.listdir(new_dir)):
            path = os.path.join(new_dir, name)
            # criu's log stays on the source: the target has no use for it (1.7 MB for WordPress's web server).
            if name in new_files or name.endswith(".log") or not os.path.isfile(path) or os.path.islink(path):
                continue
            with open(path, "rb") as f:
                data = f.read()
            sink.write(f"file {name} {len(data)}\n".encode())
            sink.write(data)
            sent.append(name)
        sink.flush()
        literal, copied = delta(old_dir, new_dir, out, send, new_files, xor=True)
        sink.write(f"end {len(sent)}\n".encode())
        sink.flush()
    except BrokenPipeError:
        raise SystemExit(f"the target stopped taking the page stream after {len(sent)} files") from None
    with open(os.path.join(out, "summary"), "w") as f:
        f.write(f"literal={literal}\ncopied={copied}\n")
    return literal, copied


def unpack(dest, old_dir=None):
    """Writes a stream's files into DEST, and its page files' recipes and literal pages; each under a
    temporary name until whole, a recipe last, so that a stream cut off midway leaves no recipe for what was
    cut. With OLD_DIR, each page file that apply_one would rebuild (as parent does) is rebuilt from OLD's as
    soon as it is in, while the next crosses the link, instead of in the restore. Fails unless the stream
    ends with its end line. (page files, other files)."""
    source = sys.stdin.buffer
    # The process's memory: for root's eyes only, whatever umask the peer's SSH session has.
    os.umask(0o077)
    os.makedirs(dest, exist_ok=True)
    pages_count = files_count = 0

    def receive(path, size, what, undo=None):
        with open(path + ".part", "wb") as f:
            at = 0
            while at < size:
                chunk = source.read(min(size - at, 1 << 20))
                if not chunk:
                    raise SystemExit(f"the page stream was cut off in {what}")
                f.write(undo(chunk, at) if undo else chunk)
                at += len(chunk)
        os.replace(path + ".part", path)

    while True:
        head = source.readline().decode().split()
        count = pages_count + files_count
        if len(head) == 2 and head[0] == "end" and int(head[1]) == count:
            return pages_count, files_count
        if len(head) == 3 and head[0] == "file" and safe_name(head[1]):
            receive(os.path.join(dest, head[1]), int(head[2]), head[1])
            files_count += 1
            continue
        if len(head) != 3 or not head[0].startswith("pages-") or not safe_name(head[0]):
            raise SystemExit(f"the page stream was cut off or garbled after {count} files")
        name, recipe_size, lit_size = head[0], int(head[1]), int(head[2])
        recipe = source.read(recipe_size)
        if len(recipe) != recipe_size:
            raise SystemExit(f"the page stream was cut off in {name}")
        lines = recipe.decode().splitlines()
        xors = [line for line in lines if line.startswith("x ")]
        lines = [line for line in lines if not line.startswith("x ")]
        recipe = parse_recipe(lines)
        if xors:
            if not old_dir:
                raise SystemExit(f"{name} came as XORs with the old copy: unpack needs the old copy's directory")
            with open(os.path.join(old_dir, recipe[0]), "rb") as base:
                receive(os.path.join(dest, name + ".lit"), lit_size, name, unxor(base.fileno(), base.name, xors))
        else:
            receive(os.path.join(dest, name + ".lit"), lit_size, name)
        with open(os.path.join(dest, name + ".recipe.part"), "w") as f:
            f.writelines(line + "\n" for line in lines)
        os.replace(os.path.join(dest, name + ".recipe.part"), os.path.join(dest, name + ".recipe"))
        if old_dir:
            apply_one(old_dir, dest, dest, name, recipe)
        pages_count += 1


def unxor(base, base_path, xors):
    """undo(chunk, offset) for receive: turns the XORs that stream sent (the recipe's x lines: offset in the
    literal pages, offset in the base, length, in order) back into the new pages as they arrive, with the
    old copy's page file open at BASE, before they are written."""
    ranges = [tuple(int(v) for v in line.split()[1:]) for line in xors]
    first = 0

    def undo(chunk, offset):
        nonlocal first
        end = offset + len(chunk)
        while first < len(ranges) and ranges[first][0] + ranges[first][2] <= offset:
            first += 1
        data = None
        for at, src, length in ranges[first:]:
            if at >= end:
                break
            a, b = max(at, offset), min(at + length, end)
            old = os.pread(base, b - a, src + a - at)
            if len(old) != b - a:
                raise SystemExit(f"{base_path} is shorter than the page stream's XORs with it: not the copy the source holds")
            data = data or bytearray(chunk)
            data[a - offset : b - offset] = xor_bytes(chunk[a - offset : b - offset], old)
        return data or chunk

    return undo


def safe_name(name):
    return "/" not in name and not name.startswith(".") and not name.endswith(".part")


def split_runs(runs, parts):
    """RUNS (in file order) cut into up to PARTS pieces of about equal pages, at least one: [(runs, file
    offset of the first)]."""
    total = sum(n for _, n in runs)
    share = -(-total // parts)
    out, current, filled, dst = [], [], 0, 0
    for addr, count in runs:
        while count:
            n = min(count, share - filled)
            current.append((addr, n))
            addr, count, filled = addr + n * PAGE, count - n, filled + n
            if filled == share:
                out.append((current, dst))
                current, dst, filled = [], dst + share * PAGE, 0
    if current or not out:
        out.append((current, dst))
    return out


def side_by_side(calls, scratch):
    """The results of CALLS [(function, args)], the first in this process and each other in a child of its
    own: comparing is bound by copying memory, which two cores do faster than one (redis's 700 MiB in the
    freeze: 0.29-0.35 s in one process, 0.18-0.26 s in two)."""
    children = []
    for i, (fn, args) in enumerate(calls[1:], 1):
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                with open(f"{scratch}.{i}", "wb") as f:
                    marshal.dump(fn(*args), f)
                status = 0
            finally:
                os._exit(status)
        children.append((pid, i))
    results = [calls[0][0](*calls[0][1])]
    for pid, i in children:
        _, status = os.waitpid(pid, 0)
        if status != 0:
            raise SystemExit(f"comparing part {i} of {scratch} failed")
        with open(f"{scratch}.{i}", "rb") as f:
            results.append(marshal.load(f))
        os.unlink(f"{scratch}.{i}")
    return results


def append_step(steps, kind, dst, src, length):
    last = steps[-1] if steps else None
    if last and last[0] == kind and last[1] + last[3] == dst and last[2] + last[3] == src:
        steps[-1] = (kind, last[1], last[2], last[3] + length)
    else:
        steps.append((kind, dst, src, length))


def compare_part(new_path, base_path, index, runs, dst, lit_path, xor=False):
    """Steps for RUNS of NEW's file (from offset DST) against the base: runs of pages the base holds
    (compared byte for byte) are copied from it, the rest go literally into LIT_PATH (whose offsets the
    steps give). With XOR, a changed page the base holds at its address goes into LIT_PATH as its XOR
    with the base's: a write changes a few bytes of a page, the rest of it becomes zeros, and zstd then
    carries it in a fraction of the bytes (the images of one WordPress freeze: 1.81 MB through zstd as
    they were, 0.87 MB as XORs, and zstd took 36 ms instead of 115). (steps, literal bytes, copied bytes, [(offset in
    LIT_PATH, offset in the base, length)] of the XORs)."""
    new = PageFile(new_path, 0)
    base = PageFile(base_path, 1) if base_path else None
    starts = [r[0] for r in index]
    steps, literal, copied, xors = [], 0, 0, []
    lit = open(lit_path, "wb")
    lit_off = 0

    def emit(kind, at, src, length, held=False, base_at=None):
        nonlocal lit_off
        if kind == "l":
            if base_at is not None:
                lit.write(xor_bytes(new.held_bytes(at, length), base.held_bytes(base_at, length)))
                append_step(xors, "x", lit_off, base_at, length)
            elif held:
                lit.write(new.held_bytes(at, length))
            else:
                for chunk in range(at, at + length, 8 << 20):
                    lit.write(new.read(chunk, min(at + length, chunk + (8 << 20)) - chunk))
            src, lit_off = lit_off, lit_off + length
        append_step(steps, kind, at, src, length)

    for addr, count in runs:
        page = 0
        while page < count:
            vaddr = addr + page * PAGE
            j = bisect_right(starts, vaddr) - 1
            hit = None
            if j >= 0 and base and vaddr < index[j][0] + index[j][1] * PAGE:
                hit = index[j]
            if hit is None:
                # Not in OLD: the pages up to the next run OLD has go literally.
                nxt = index[j + 1][0] if j + 1 < len(index) else None
                n = count - page if nxt is None else min(count - page, max(1, (nxt - vaddr) // PAGE))
                emit("l", dst, 0, n * PAGE)
                literal += n * PAGE
            else:
                within = (vaddr - hit[0]) // PAGE
                n = min(count - page, hit[1] - within, CHUNK)
                src = hit[2] + within * PAGE
                for first, pages, equal in equal_runs(new, dst, base, src, n):
                    at = dst + first * PAGE
                    if equal:
                        emit("c", at, src + first * PAGE, pages * PAGE)
                        copied += pages * PAGE
                    else:
                        emit("l", at, 0, pages * PAGE, held=True, base_at=src + first * PAGE if xor else None)
                        literal += pages * PAGE
            dst += n * PAGE
            page += n
    lit.close()
    new.close()
    if base:
        base.close()
    return steps, literal, copied, [(at, src, n) for _, at, src, n in xors]


def xor_bytes(a, b):
    """A XOR B, two buffers of one length: as integers, the fastest way in Python without numpy (33 ms for
    12 MB here)."""
    return (int.from_bytes(a, "little") ^ int.from_bytes(b, "little")).to_bytes(len(a), "little")


def equal_runs(new, dst, base, src, pages):
    """[(first page, pages, equal)] over PAGES pages of NEW at DST and BASE at SRC (both left in their
    buffers), by halving: a write load changes a page here and there, and comparing each page of a chunk on
    its own (a call each) took 0.5 s of the freeze for redis's 4 MiB of scattered changes."""
    a, b = new.view(dst, pages * PAGE), base.view(src, pages * PAGE)
    out = []
    halves(a, b, 0, pages, out)
    return out


def halves(a, b, first, pages, out, memcmp=libc.memcmp):
    """Appends to OUT the runs of equal and changed pages among PAGES pages from FIRST at addresses A and B;
    addresses, not the files' views, so that the halving costs one call a level (WordPress's web server:
    9,700 comparisons in a freeze)."""
    if memcmp(a + first * PAGE, b + first * PAGE, pages * PAGE) == 0:
        equal = True
    elif pages == 1:
        equal = False
    else:
        half = pages // 2
        halves(a, b, first, half, out)
        halves(a, b, first + half, pages - half, out)
        return
    if out and out[-1][2] == equal and out[-1][0] + out[-1][1] == first:
        out[-1] = (out[-1][0], out[-1][1] + pages, equal)
    else:
        out.append((first, pages, equal))


def bisect_right(values, x):
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < values[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def read_recipe(path):
    """(base file name or "", size, [(kind, dst, src, length)]) of a recipe written by delta."""
    with open(path) as f:
        return parse_recipe(f)


def parse_recipe(lines):
    """read_recipe for a recipe's LINES."""
    lines = iter(lines)
    base_name = next(lines).split(" ", 1)[1].strip()
    size = int(next(lines).split()[1])
    steps = [(k, int(d), int(s), int(n)) for k, d, s, n in (line.split() for line in lines)]
    # An x line (a stream's XORs) is unpack's to undo: read as a copy, it would rebuild the wrong pages.
    if any(k not in ("l", "c") for k, _, _, _ in steps):
        raise SystemExit(f"a recipe step of an unknown kind ({sorted({k for k, _, _, _ in steps} - {'l', 'c'})}): not rebuilding from it")
    return base_name, size, steps


def in_order(steps):
    """Whether the copied runs of STEPS come from OLD's file in the order they go to the new one, without
    overlapping: as they do when pages are matched by address, both files being in address order."""
    end = 0
    for k, d, s, n in sorted((step for step in steps if step[0] == "c"), key=lambda step: step[1]):
        if s < end:
            return False
        end = s + n
    return True


def shift_in_place(fd, steps, chunk=8 << 20):
    """Moves the copied runs of STEPS (in_order) from their offsets in OLD's file, open at FD, to their offsets
    in the new one, through one buffer: those moving down first, lowest first, then those moving up,
    highest first, each run from the end it moves towards. So no run is overwritten before it has moved.
    In the page cache this is a copy in memory (700 MiB in 0.23-0.34 s here), where criu restore took
    1.0-1.5 s to read the same pages from parent images, and copying them into a new file 1.6 s."""
    moves = sorted(((d, s, n) for k, d, s, n in steps if k == "c" and s != d), key=lambda m: m[0])
    buf = memoryview(bytearray(min(chunk, max((n for _, _, n in moves), default=0))))
    for d, s, n in [m for m in moves if m[0] < m[1]] + [m for m in reversed(moves) if m[0] > m[1]]:
        up = d > s
        done = 0
        while done < n:
            m = min(len(buf), n - done)
            at = n - done - m if up else done
            if os.preadv(fd, [buf[:m]], s + at) != m:
                raise SystemExit(f"a short read at {s + at} moving pages within the old copy")
            os.pwrite(fd, buf[:m], d + at)
            done += m


def apply(old_dir, delta_dir, dest):
    os.makedirs(dest, exist_ok=True)
    built = 0
    for recipe in sorted(n for n in os.listdir(delta_dir) if n.endswith(".recipe")):
        name = recipe[: -len(".recipe")]
        built += apply_one(old_dir, delta_dir, dest, name, read_recipe(os.path.join(delta_dir, recipe)))
    for name in os.listdir(delta_dir):
        if name.startswith("map-") and delta_dir != dest:
            os.replace(os.path.join(delta_dir, name), os.path.join(dest, name))
    return built


def apply_one(old_dir, delta_dir, dest, name, recipe):
    """Builds DEST/NAME from OLD's file and DELTA/NAME.{recipe,lit} (RECIPE, as read); its size."""
    base_name, size, steps = recipe
    lit = os.open(os.path.join(delta_dir, name + ".lit"), os.O_RDONLY)
    target = os.path.join(dest, name)
    base_path = os.path.join(old_dir, base_name) if base_name else None
    tmp = target + ".building"
    if base_path and os.path.exists(base_path) and in_order(steps):
        # The copy already here, taken over: the runs that moved within it are moved in place, then the
        # changed pages written in.
        os.rename(base_path, tmp)
        fd = os.open(tmp, os.O_RDWR)
        shift_in_place(fd, steps)
        for kind, d, s, n in steps:
            if kind == "l":
                copy_range(lit, fd, s, d, n)
        base = -1
    else:
        base = os.open(base_path, os.O_RDONLY) if base_path else -1
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        for kind, d, s, n in steps:
            copy_range(lit if kind == "l" else base, fd, s, d, n)
    os.ftruncate(fd, size)
    os.close(fd)
    os.close(lit)
    if base >= 0:
        os.close(base)
    os.rename(tmp, target)
    os.unlink(os.path.join(delta_dir, name + ".recipe"))
    os.unlink(os.path.join(delta_dir, name + ".lit"))
    return size


def parent(old_dir, delta_dir, dest):
    """apply for criu's images in DEST, the restore's rebuild of what unpack has not rebuilt as it arrived:
    OLD's page file is taken over, its unchanged pages moved in place to where the new layout has them
    (shift_in_place), and the changed pages written in. (Bytes of the page files taken over, and 0 for the
    pages left in criu parent images, which no page file needs any more: shifted in place, a page file's
    pages stay in the page cache, and criu's lazy-pages daemon can serve all of them.)"""
    pids = page_files(dest)
    for recipe in os.listdir(delta_dir):
        if recipe.endswith(".recipe") and recipe[: -len(".recipe")] not in pids:
            raise SystemExit(f"{recipe[: -len('.recipe')]}: no pagemap in {dest} names it")
    return apply(old_dir, delta_dir, dest), 0


def copy_range(src, dst, src_off, dst_off, length):
    while length:
        n = os.copy_file_range(src, dst, length, src_off, dst_off)
        if n == 0:
            raise OSError(f"short copy at {src_off}")
        src_off, dst_off, length = src_off + n, dst_off + n, length - n


def sample_hashes(pids, zero, stride=4):
    """crc32 of every stride-th private page, by (process, vaddr)."""
    hashes, size = {}, 0
    buf = bytearray(8 << 20)
    view = memoryview(buf)
    for pid in pids:
        mem = os.open(f"/proc/{pid}/mem", os.O_RDONLY)
        for addr, count in private_runs(pid, zero):
            size += count * PAGE
            done = 0
            while done < count:
                n = min(count - done, len(buf) // PAGE)
                try:
                    got = os.preadv(mem, [view[: n * PAGE]], addr + done * PAGE)
                except OSError:
                    break
                for p in range(0, got // PAGE):
                    page = (addr // PAGE) + done + p
                    if page % stride == 0:
                        hashes[(pid, page)] = zlib.crc32(view[p * PAGE : (p + 1) * PAGE])
                done += n
        os.close(mem)
    return hashes, size


def clear_refs(pids):
    for pid in pids:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("1")


def referenced(pids):
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Referenced:"):
                    total += int(line.split()[1]) * 1024
    return total


def sample(seconds, pids, stride=4):
    """Memory size, and two measures over SECONDS each, in two halves. Rewrites: the bytes rewritten in the
    first half (changed pages among a sampled quarter) and how fast that set grows in the second. Touches,
    by the kernel's referenced bits: the working set (bytes touched in the first half) and how fast what has
    been touched grows beyond it in the second. A hot set stops growing; writes or reads spread over all of
    memory keep reaching new pages."""
    zero = zero_pfn()
    first, size = sample_hashes(pids, zero, stride)
    time.sleep(seconds / 2)
    middle, _ = sample_hashes(pids, zero, stride)
    t_middle = time.monotonic()
    time.sleep(seconds / 2)
    last, _ = sample_hashes(pids, zero, stride)
    t_last = time.monotonic()
    # After the reads: reading memory through /proc marks all of it referenced. The bits are cleared once and
    # counted twice, so the second count holds both halves' touches: two halves of reads spread over
    # memory touch twice the pages one does, a hot set's the same pages.
    clear_refs(pids)
    time.sleep(seconds / 2)
    working = referenced(pids)
    t_half = time.monotonic()
    time.sleep(seconds / 2)
    touched = referenced(pids)
    t1 = time.monotonic()

    def rewritten(hashes):
        return sum(1 for k, h in hashes.items() if first.get(k) != h) * stride * PAGE

    dirty_set = rewritten(middle)
    return size, dirty_set, max(0, rewritten(last) - dirty_set) / (t_last - t_middle), working, max(0, touched - working) / (t1 - t_half)


def main(argv):
    command = argv[0]
    if command == "snapshot":
        print(f"bytes={snapshot(argv[1], [int(p) for p in argv[2:]])}")
    elif command == "delta":
        literal, copied = delta(argv[1], argv[2], argv[3])
        print(f"literal={literal}")
        print(f"copied={copied}")
    elif command == "stream":
        stream(argv[1], argv[2], argv[3])
    elif command == "unpack":
        try:
            page_count, file_count = unpack(argv[1], argv[2] if len(argv) > 2 else None)
            print(f"page_files={page_count}")
            print(f"files={file_count}")
        except OSError as e:
            raise SystemExit(f"could not write the page stream into {argv[1]}: {e}") from None
    elif command == "apply":
        print(f"built={apply(argv[1], argv[2], argv[3])}")
    elif command == "parent":
        taken_over, in_parent = parent(argv[1], argv[2], argv[3])
        print(f"taken_over={taken_over}")
        print(f"in_parent={in_parent}")
    elif command == "sample":
        size, dirty_set, dirty, working, growth = sample(float(argv[1]), [int(p) for p in argv[2:]])
        print(f"memory={size}")
        print(f"dirty_set={dirty_set}")
        print(f"dirty_rate={dirty:.0f}")
        print(f"working_set={working}")
        print(f"touch_rate={growth:.0f}")
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])

FERRY_PAGES_PY
}
# bash -c "$pages_install" _ DIR COMPILE < SOURCE: puts the module in DIR, compiled, unless it is there
# (stdin is read either way, so that the writer never meets a closed pipe). Built beside DIR and renamed
# into place: an install cut short leaves no half module, and of two at once the first wins.
pages_install='if [ -f "$1/ferry_pages.py" ]; then cat >/dev/null; exit 0; fi
t="$1.$$"; rm -rf "$t"; mkdir -p "$t" && cat >"$t/ferry_pages.py" && python3 -c "$2" "$t/ferry_pages.py" || exit 1
mv -T "$t" "$1" 2>/dev/null || rm -rf "$t"'
# Checked by a hash of the source, not its time and size, should the file be edited in place.
pages_compile='import py_compile, sys; py_compile.compile(sys.argv[1], doraise=True, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)'
pages_run='import sys; sys.path.insert(0, sys.argv.pop(1)); import ferry_pages; ferry_pages.main(sys.argv[1:])'
pages() {
  [ -f "$pages_lib/ferry_pages.py" ] || pages_source | bash -c "$pages_install" pages-install "$pages_lib" "$pages_compile"
  python3 -c "$pages_run" "$pages_lib" "$@"
}
# Logged in as the inventory's user, as peer_rsync does; the command runs under sudo unless that user is root.
peer_ssh() {
  local user sudo=
  user=$(cat /root/.ssh/ferry_peer_user)
  [ "$user" = root ] || sudo="sudo -n "
  ssh -i /root/.ssh/ferry_peer -l "$user" -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=5 \
    -o ControlMaster=auto -o ControlPath=/run/ferry-cm-%C -o ControlPersist=60 "$target" "$sudo$1"
}
# value KEY TEXT: the value of KEY=… in the helper's output.
value() { local line; while read -r line; do if [ "${line%%=*}" = "$1" ]; then echo "${line#*=}"; fi; done <<<"$2"; }
# pages_peer_install: the same on $target, compiled there ahead of its restore.
pages_peer_install() {
  pages_source | peer_ssh "$(printf '%q ' bash -c "$pages_install" pages-install "$pages_lib" "$pages_compile")" >/dev/null
}

# What the page stream's unpack has not rebuilt already (all of it after an uncompressed transfer, and page
# files whose layout moved): without it, no python start (15-18 ms here).
recipes=("$images"/*.recipe)
if [ -e "${recipes[0]}" ]; then pages_rebuilt=$(pages parent "$images.pre/base" "$images" "$images"); else pages_rebuilt=in_parent=0; fi
out parent_bytes".$id" "$(value in_parent "$pages_rebuilt")"
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
out restored_at "$EPOCHREALTIME"
