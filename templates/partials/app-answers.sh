# (partial) app_answers: whether container $id answers as its clients need it to on $address:$port within
# 2 s: an HTTP GET of $health_http answered 200, or $health_send answered with a line starting with
# $health_expect; with neither declared, an accepted TCP connection.
app_answers() {
  if [ -n "$health_http" ]; then
    [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$address:$port$health_http" 2>/dev/null)" = 200 ]
  elif [ -n "$health_send" ]; then
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "%s" "$2" >&3 && IFS= read -r reply <&3 && [[ "$reply" == "$3"* ]]' \
      "$address" "$port" "$health_send" "$health_expect" 2>/dev/null
  else
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$address" "$port" 2>/dev/null
  fi
}
# app_answers_try: the same check for a try that its caller ends (wait-answer.sh): a connection in this
# shell, with no timeout and no second bash to start (two execs, 20-50 ms on a host under load, inside the
# downtime); the answer still has its 2 s.
app_answers_try() {
  if [ -n "$health_http" ]; then
    app_answers
  elif [ -n "$health_send" ]; then
    local reply
    { printf '%s' "$health_send" >&3 && IFS= read -r -t 2 reply <&3 && [[ "$reply" == "$health_expect"* ]]; } 3<>"/dev/tcp/$address/$port"
  else
    { :; } 3<>"/dev/tcp/$address/$port"
  fi
}
