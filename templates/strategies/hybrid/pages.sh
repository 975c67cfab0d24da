# (strategy partial) pages SUBCOMMAND ARGS…: the page-copy helper (pages.py beside this file) in python3,
# which every host image has; peer_ssh runs a command on $target with the peer key. Builtins only here:
# this runs inside the freeze.
# It runs as a module kept in $pages_lib, a directory per version of it (named by a hash of its source),
# which python compiles once: compiling the source on every call cost 22-28 ms on these hosts, and two
# calls are inside the freeze (the delta on the source, the rebuild on the target). The source stays in a
# here-document that only an install reads: read into a variable, bash took it a byte at a time (31,600
# reads: 45-90 ms here, in each container's part of the transfer and of the restore).
pages_lib=/var/lib/ferry/lib/pages-{{ file_hash "strategies/hybrid/pages.py" | q }}
pages_source() {
  cat <<'FERRY_PAGES_PY'
{{ include "strategies/hybrid/pages.py" }}
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
