#!/usr/bin/env bash
# A failed move after the checkpoint started: brings every container back on the source as it was at the
# freeze. Each container is where the checkpoint left it: still running (its dump never happened or
# criu resumed it), frozen (a post-copy dump keeps it so until the target lets go: thawed here), or gone
# (restored from its images, with what the strategy needs first, e.g. pages fetched back from the target's
# page server). Reports which it was, and removes the images of each container back up.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
{{ include "partials/unmount-under.sh" }}
{{ include "partials/peer-rsync.sh" }}
{{ include "partials/move-guard.sh" }}
{{ include "partials/criu-unlock.sh" }}
target={{ target_ip | q }}; pages_from={{ source_ip | q }}
# ended PIDFILE: the process it names is gone.
ended() { ! kill -0 "$(cat "$1")" 2>/dev/null; }
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; images={{ c.images | q }}; netns={{ c.netns | q }}; address={{ c.address | q }}; port={{ c.port | q }}; page_port={{ c.page_server_port | q }}
if [ -f "$images/dump.pid" ]; then
  # The failed step was killed, not its dump (partials/criu-shield.sh): the container is criu's until it ends.
  if ! wait_for {{ limits.dump_end | q }} "the dump of $id, left running by the failed step, to end" ended "$images/dump.pid"; then
    echo "the dump of $id still runs: killing criu would kill $id, so the rollback waits for it" >&2
    exit 1
  fi
fi
state=$(runc state "$id" 2>/dev/null || true)
[[ $state =~ \"status\":\ \"([a-z]+)\" ]] && status=${BASH_REMATCH[1]} || status=absent
if [ -f "$images/checkpoint.pid" ]; then
  # A post-copy dump holds the frozen tasks until the target lets go (rollback-target stopped it first).
  if ! wait_for {{ limits.stop | q }} "the dump of $id to let go of it" ended "$images/checkpoint.pid"; then
    pkill -KILL -s "$(cat "$images/checkpoint.pid")" 2>/dev/null || true
  fi
fi
if [ -e "/run/netns/$netns" ]; then
  ip netns exec "$netns" nft delete table inet ferry_hold 2>/dev/null || true
  criu_unlock "$netns"
fi
case "$status" in
  running)
    how=running ;;
  paused)
    runc resume "$id"
    # Its clients' retransmission timers backed off while it was frozen and cut off, as across a restore.
    nudge_wait=1
{{ include "partials/tcp-nudge.sh" }}
    how=resumed ;;
  *)
    runc delete -f "$id" >/dev/null 2>&1 || true
    if [ -f "$bundle/holder.pid" ]; then pkill -KILL -s "$(cat "$bundle/holder.pid")" 2>/dev/null || true; fi
    if [ ! -f "$images/inventory.img" ]; then
      out {{ keys.brought_back | q }}".$id" lost
      echo "$id died during its dump, before criu had written its images (criu killed while it worked inside $id kills it): nothing is left to bring it back from, and its memory is lost" >&2
      exit 1
    fi
{{~ if strategy.rollback_fetch ~}}
{{ include strategy.rollback_fetch }}
{{~ end ~}}
    # rollback: a strategy's restore takes the plain way here, with every page in place before it runs.
    restore_flags=(); rollback=1
    nudge_wait=1
{{ include strategy.restore }}
    how=restored ;;
esac
health_http={{ c.health_http | q }}; health_send={{ c.health_send | q }}; health_expect={{ c.health_expect | q }}
{{ include "partials/wait-answer.sh" }}
out {{ keys.brought_back | q }}".$id" "$how"
# The application runs again: its images are of no more use here; one that cannot go does not undo that.
unmount_under "$images"; unmount_under "$images.pre"
rm -rf "$images" "$images.pre" 2>/dev/null || true
rmdir "$(dirname "$images")" 2>/dev/null || true
{{~ end ~}}
out {{ keys.resumed_at | q }} "$EPOCHREALTIME"
{{~ for c in containers ~}}
unguard_port {{ c.page_server_port | q }}
{{~ end ~}}
out {{ keys.sent_to_target | q }} "$(sent_bytes {{ containers[0].page_server_port | q }})"
