# (partial) Sets the front's maxconn for each service's server: 1 holds new requests in HAProxy's queue.
# HAProxy answers a bad command with text on the socket, so anything it says is a failure.
haproxy_maxconn() {
  local value="$1" service answer; shift
  for service in "$@"; do
    answer=$(socat -t 2 stdio unix-connect:/run/haproxy/admin.sock <<<"set maxconn server be_$service/app $value")
    if [[ -n "${answer//[[:space:]]/}" ]]; then
      echo "haproxy refused maxconn $value for $service: $answer" >&2
      return 1
    fi
  done
}
