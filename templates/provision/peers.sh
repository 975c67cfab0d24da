#!/usr/bin/env bash
# Lets workloads push images to each other over ssh (migration transfers), and nothing more: the stack's peer
# key lives only on workloads, and only workloads accept it, from the workloads' private addresses. Every host
# keeps the stack's pinned host keys. Transfers run as root (under sudo) and log into the peer as the
# inventory's user, whose own sudo runs rsync there. Rewrites the same files on a second run.
set -euo pipefail
umask 077
login={{ login_user | q }}
public_key={{ peer_public_key | q }}
home=$(getent passwd "$login" | cut -d: -f6)
[ -n "$home" ] || { echo "no user $login on this host" >&2; exit 3; }
install -d -m 0700 /root/.ssh
printf '%s\n' {{ known_hosts | qa }} >/root/.ssh/known_hosts
authorized="$home/.ssh/authorized_keys"
# Whatever an earlier run gave this host is taken back first.
if [ -f "$authorized" ]; then
  grep -vF "$public_key" "$authorized" >"$authorized.ferry" || true
  cat "$authorized.ferry" >"$authorized"
  rm -f "$authorized.ferry"
fi
{{~ if workload ~}}
printf '%s' {{ peer_key_base64 | q }} | base64 -d >/root/.ssh/ferry_peer
printf '%s\n' "$public_key" >/root/.ssh/ferry_peer.pub
printf '%s\n' "$login" >/root/.ssh/ferry_peer_user
install -d -m 0700 -o "$login" "$home/.ssh"
printf 'from="%s",no-agent-forwarding,no-port-forwarding,no-X11-forwarding,no-pty %s\n' {{ workload_addresses | q }} "$public_key" >>"$authorized"
chown "$login" "$authorized"
chmod 0600 "$authorized"
{{~ else ~}}
rm -f /root/.ssh/ferry_peer /root/.ssh/ferry_peer.pub /root/.ssh/ferry_peer_user
{{~ end ~}}
