#!/usr/bin/env bash
# Reports what this host can do for migrations and does not change while it runs (ferry caches it
# until the boot id changes); changes nothing.
set -uo pipefail
umask 077
{{ include "partials/out.sh" }}
out {{ keys.boot_id | q }} "$(cat /proc/sys/kernel/random/boot_id)"
out {{ keys.criu_version | q }} "$(criu --version 2>/dev/null | awk '/^Version/ {print $2}')"
out {{ keys.runc_version | q }} "$(runc --version 2>/dev/null | awk '/^runc version/ {print $3}')"
if criu check >/tmp/ferry-criu-check.log 2>&1; then
  out {{ keys.criu_check | q }} ok
else
  out {{ keys.criu_check | q }} "$(tail -n 1 /tmp/ferry-criu-check.log)"
fi
for feature in mem_dirty_track uffd-noncoop; do
  if criu check --feature "$feature" >/dev/null 2>&1; then out {{ keys.feature | q }}".$feature" yes; else out {{ keys.feature | q }}".$feature" no; fi
done
if grep -q page-server <<<"$(criu --help 2>&1)"; then out {{ keys.feature | q }}.page_server yes; else out {{ keys.feature | q }}.page_server no; fi
out {{ keys.pipe_max_size | q }} "$(cat /proc/sys/fs/pipe-max-size)"
out {{ keys.kernel | q }} "$(uname -r)"
out {{ keys.cpu_flags | q }} "$(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2 | xargs)"
out {{ keys.cpus | q }} "$(nproc)"
# What memory costs here, per GiB (from 64 MiB): written fresh by a process, one page fault per page (criu's
# own restore of memory), and filled by the kernel, then first read by the process (a lazy-pages fill).
read -r fault touch < <(python3 - <<'PY'
import mmap, time
size = 64 << 20
fresh = mmap.mmap(-1, size)
start = time.perf_counter()
memoryview(fresh)[::4096] = bytes(size // 4096)
fault = time.perf_counter() - start
filled = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | 0x8000)  # MAP_POPULATE
start = time.perf_counter()
bytes(memoryview(filled)[::4096])
touch = time.perf_counter() - start
print(f"{fault * 16000:.0f} {touch * 16000:.0f}")
PY
) || true
if [ -n "${touch:-}" ]; then
  out {{ keys.fault_ms_per_gib | q }} "$fault"
  out {{ keys.first_touch_ms_per_gib | q }} "$touch"
fi
