# (partial) Restores container $id from $images with its TCP connections (and the strategy's
# ${restore_flags[@]}) and waits until runc says so; needs wait.sh.
cd "$bundle"
rm -f run.status holder.pid "$images/restored.pid" "$images/restore.done"
mkfifo "$images/restore.done"
# The holder names its own session first thing: a step killed right after starting it has no time to.
setsid sh -c 'echo $$ >holder.pid; id="$1" images="$2"; shift 2; sleep infinity | { runc restore -d --tcp-established "$@" --pid-file "$images/restored.pid" --image-path "$images" --work-path "$images" --bundle . "$id"; echo $? > run.status; echo 1<>"$images/restore.done"; } 2>&1 | cat >> log' \
  sh "$id" "$images" "${restore_flags[@]}" </dev/null >/dev/null 2>&1 &
wait_written {{ limits.restore | q }} "runc restore of $id" run.status "$images/restore.done" || true
if [ "$(cat run.status 2>/dev/null)" != 0 ]; then
  echo "runc restore of $id on $(hostname) failed:" >&2
  tail -n 8 "$images/restore.log" >&2 2>/dev/null || tail -n 8 log >&2
  exit 1
fi
{{ include "partials/tcp-nudge.sh" }}
