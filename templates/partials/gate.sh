# (partial) The step's gate. The engine arms a step while the one before it runs: the script is sent, sshd
# and bash start it, and it runs up to here, all off the freeze's path (30-110 ms a step on these hosts,
# most on a front busy with 400 clients). Here it waits for the engine's "go" on the channel's stdin (fd
# $ferry_gate) and ends at once, having done nothing, when it reads end of file instead: a step before it
# failed. Above the gate a script only defines and reads; a script that was not armed passes straight on.
if [ -n "${ferry_gate:-}" ]; then
  ferry_go=
  IFS= read -r -u "$ferry_gate" ferry_go || true
  exec {ferry_gate}<&-
  [ "$ferry_go" = go ] || exit {{ exits.not_started | q }}
  ferry_gate=
fi
