# (partial) Sets the front's maxconn for each service's server: 1 holds new requests in HAProxy's queue.
haproxy_maxconn() {
  local value="$1"; shift
  for service in "$@"; do
    echo "set maxconn server be_$service/app $value" | socat -t 2 stdio unix-connect:/run/haproxy/admin.sock >/dev/null
  done
}
