# (partial) Waits until $address:$port accepts a TCP connection (no request is sent).
if [ -n "$port" ]; then
  answered=no
  for _ in $(seq 1200); do
    if timeout 0.5 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$address" "$port" 2>/dev/null; then answered=yes; break; fi
    sleep 0.02
  done
  if [ "$answered" != yes ]; then
    echo "$id does not answer on $address:$port" >&2
    exit 1
  fi
fi
