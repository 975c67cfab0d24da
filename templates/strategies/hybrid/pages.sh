# (strategy partial) pages SUBCOMMAND ARGS…: the page-copy helper (pages.py beside this file) in python3,
# which every host image has; peer_ssh runs a command on $target with the peer key. Builtins only here:
# this runs inside the freeze.
read -r -d '' pages_py <<'FERRY_PAGES_PY' || true
{{ include "strategies/hybrid/pages.py" }}
FERRY_PAGES_PY
pages() { python3 -c "$pages_py" "$@"; }
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
