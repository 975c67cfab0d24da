#!/usr/bin/env bash
# Reports what this host can do for migrations and does not change while it runs (ferry caches it
# until the boot id changes); changes nothing.
set -uo pipefail
umask 077
# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces. Builtins only: every
# fork costs milliseconds inside a migration's freeze.
out() { printf 'ferry-out %s=%s\n' "$1" "${2//$'\n'/ }"; }

out boot_id "$(cat /proc/sys/kernel/random/boot_id)"
out criu_version "$(criu --version 2>/dev/null | awk '/^Version/ {print $2}')"
out runc_version "$(runc --version 2>/dev/null | awk '/^runc version/ {print $3}')"
if criu check >/tmp/ferry-criu-check.log 2>&1; then
  out criu_check ok
else
  out criu_check "$(tail -n 1 /tmp/ferry-criu-check.log)"
fi
for feature in mem_dirty_track uffd-noncoop; do
  if criu check --feature "$feature" >/dev/null 2>&1; then out feature".$feature" yes; else out feature".$feature" no; fi
done
if grep -q page-server <<<"$(criu --help 2>&1)"; then out feature.page_server yes; else out feature.page_server no; fi
out pipe_max_size "$(cat /proc/sys/fs/pipe-max-size)"
out kernel "$(uname -r)"
out cpu_flags "$(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2 | xargs)"
out cpus "$(nproc)"
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
  out fault_ms_per_gib "$fault"
  out first_touch_ms_per_gib "$touch"
fi
