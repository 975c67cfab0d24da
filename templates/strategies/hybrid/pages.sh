# (strategy partial) pages SUBCOMMAND ARGS…: the page-copy helper (pages.py beside this file) in python3,
# which every host image has; peer_ssh runs a command on $target with the peer key. Builtins only here:
# this runs inside the freeze.
read -r -d '' pages_py <<'FERRY_PAGES_PY' || true
{{ include "strategies/hybrid/pages.py" }}
FERRY_PAGES_PY
# It runs as a module kept in $pages_lib, which python compiles once per version of it: compiling the
# source on every call cost 22-28 ms on these hosts, two calls of them inside the freeze (the delta on the
# source, the rebuild on the target). pages_install puts it there (pages_peer_install on the target).
pages_lib=/var/lib/ferry/lib
# Checked by a hash of the source, not its time and size, which two versions can share.
pages_compile='import py_compile, sys; py_compile.compile(sys.argv[1], doraise=True, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)'
pages_install() {
  local current=
  if [ -f "$pages_lib/ferry_pages.py" ]; then read -r -d '' current <"$pages_lib/ferry_pages.py" || true; fi
  if [ "$current" != "$pages_py" ]; then
    mkdir -p "$pages_lib"
    printf '%s\n' "$pages_py" >"$pages_lib/ferry_pages.py.$BASHPID"
    mv -f "$pages_lib/ferry_pages.py.$BASHPID" "$pages_lib/ferry_pages.py"
    python3 -c "$pages_compile" "$pages_lib/ferry_pages.py"
  fi
}
pages() {
  pages_install
  python3 -c 'import sys; sys.path.insert(0, sys.argv.pop(1)); import ferry_pages; ferry_pages.main(sys.argv[1:])' "$pages_lib" "$@"
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
  local install='mkdir -p "$1" && cat >"$1/ferry_pages.py.$$" && mv -f "$1/ferry_pages.py.$$" "$1/ferry_pages.py" && python3 -c "$2" "$1/ferry_pages.py"'
  peer_ssh "$(printf '%q ' bash -c "$install" pages-install "$pages_lib" "$pages_compile")" <<<"$pages_py" >/dev/null
}
