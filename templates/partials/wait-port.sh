# (partial) Waits until $address:$port accepts a TCP connection (no request is sent); needs wait.sh.
tcp_answers() { timeout 0.5 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$address" "$port" 2>/dev/null; }
if [ -n "$port" ]; then
  wait_for {{ limits.answer | q }} "$id to answer on $address:$port" tcp_answers
fi
