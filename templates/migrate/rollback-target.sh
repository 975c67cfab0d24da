#!/usr/bin/env bash
# A failed move: stops whatever runs for the containers on the target (a restored container, a page
# server, a lazy-pages daemon) and removes what was made for them. Their images stay for cleanup-target,
# which removes them only once the source has the application back: they may be the only copy of its
# memory. Fails, naming it, when something could not be removed.
set -uo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
{{ include "partials/move-guard.sh" }}
left=()
{{~ if containers.size > 1 ~}}
{{ include "partials/restore-lock.sh" }}
restore_unlock
{{~ end ~}}
{{~ for c in containers ~}}
id={{ c.id | q }}; bundle={{ c.bundle | q }}; netns={{ c.netns | q }}; veth={{ c.veth | q }}; images={{ c.images | q }}
pkill -KILL -f -- "--images-dir $images" 2>/dev/null
unguard_port {{ c.page_server_port | q }}
{{ include "partials/container-remove.sh" }}
{ runc state "$id" >/dev/null 2>&1 || [ -e "/run/runc/$id" ]; } && left+=("container $id ($(ls -A "/run/runc/$id" 2>/dev/null | tr '\n' ' ')mounts: $(grep -c " /run/runc/$id/" /proc/self/mounts); runc: $(pgrep -c -f "^runc .* $id\$"); state: $(head -c 200 "/run/runc/$id/state.json" 2>/dev/null); criu: $(pgrep -c criu); cgroup: $(for d in $(cgroup_dirs 2>/dev/null); do echo "$d $(cat "$d/freezer.state" 2>/dev/null) $(wc -l <"$d/tasks" 2>/dev/null)"; done | tr '\n' ' '))")
[ -e "/run/netns/$netns" ] && left+=("network namespace $netns")
[ -e "$bundle" ] && left+=("$bundle")
{{~ end ~}}
out {{ keys.target_stopped_at | q }} "$EPOCHREALTIME"
if [ "${#left[@]}" -gt 0 ]; then
  out {{ keys.left | q }} "${left[*]}"
  echo "could not remove from $(hostname): ${left[*]}" >&2
  exit 1
fi
