# (strategy partial) pages SUBCOMMAND ARGS…: the page-copy helper (pages.py beside this file) in python3,
# which every host image has; peer_ssh runs a command on $target with the peer key. Builtins only here:
# this runs inside the freeze.
read -r -d '' pages_py <<'FERRY_PAGES_PY' || true
{{ include "strategies/hybrid/pages.py" }}
FERRY_PAGES_PY
pages() { python3 -c "$pages_py" "$@"; }
peer_ssh() {
  ssh -i /root/.ssh/ferry_peer -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=5 \
    -o ControlMaster=auto -o ControlPath=/run/ferry-cm-%C -o ControlPersist=60 "root@$target" "$@"
}
# value KEY TEXT: the value of KEY=… in the helper's output.
value() { local line; while read -r line; do if [ "${line%%=*}" = "$1" ]; then echo "${line#*=}"; fi; done <<<"$2"; }
