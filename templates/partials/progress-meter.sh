# (partial) progress_meter TARGET WHAT: once a second, prints how many bytes this host has sent towards
# TARGET since it started and at what rate, as "progress WHAT: …" lines ferry shows live. Needs tx-bytes.sh;
# start it in the background and kill it when the work is done.
progress_meter() {
  local start last now
  start=$(tx_bytes "$1") || return 0
  last=$start
  # sleep gets no handle on the step's output: killed with the meter or not, it must not hold the step
  # open until its second is up (that rounded every transfer up to the meter's next whole second).
  while sleep 1 </dev/null >/dev/null 2>&1; do
    now=$(tx_bytes "$1") || return 0
    printf 'progress %s: %d MB sent, %d.%d MB/s\n' "$2" $(( (now - start) / 1000000 )) $(( (now - last) / 1000000 )) $(( (now - last) % 1000000 / 100000 ))
    last=$now
  done
}
