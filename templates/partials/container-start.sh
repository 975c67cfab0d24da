# (partial) Starts runc with pipes on every stdio side: criu cannot dump a process whose stdio points
# at a file outside its mount namespace. The holders (sleep, cat) live in their own session. Needs wait.sh.
cd "$bundle"
rm -f run.status holder.pid
# The holder names its own session first thing: a script killed right after starting it has no time to.
setsid sh -c 'echo $$ >holder.pid; sleep infinity | { runc run -d --bundle . "$1"; echo $? > run.status; } 2>&1 | cat >> log' sh "$id" </dev/null >/dev/null 2>&1 &
wait_for {{ limits.start | q }} "runc run of $id" test -s run.status || true
if [ "$(cat run.status 2>/dev/null)" != 0 ]; then
  echo "runc run $id failed:" >&2
  tail -n 20 log >&2
  exit 1
fi
