#!/usr/bin/env bash
# Lets workloads push images to each other over ssh (migration transfers), and nothing more: the stack's peer
# key lives only on workloads, and only workloads accept it, from the workloads' private addresses. Every host
# keeps the stack's pinned host keys. Transfers run as root (under sudo) and log into the peer as the
# inventory's user, whose own sudo runs rsync there. Rewrites the same files on a second run.
set -euo pipefail
umask 077
login=ferry
public_key='ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPeerKeyForUnitTests ferry-peer@unit'
home=$(getent passwd "$login" | cut -d: -f6)
[ -n "$home" ] || { echo "no user $login on this host" >&2; exit 3; }
install -d -m 0700 /root/.ssh
printf '%s\n' '10.10.0.1,203.0.113.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIaws-gw' '10.10.0.11 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIaws-w1' '10.20.0.1,203.0.113.2 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIgcp-gw' '10.20.0.11 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIgcp-w1' '203.0.113.10 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIfront' '203.0.113.20 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIclient' >/root/.ssh/known_hosts
authorized="$home/.ssh/authorized_keys"
# Whatever an earlier run gave this host is taken back first.
if [ -f "$authorized" ]; then
  grep -vF "$public_key" "$authorized" >"$authorized.ferry" || true
  cat "$authorized.ferry" >"$authorized"
  rm -f "$authorized.ferry"
fi
printf '%s' LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0KYjNCbGJuTnphQzFyWlhrdGRqRUFBQUFBCi0tLS0tRU5EIE9QRU5TU0ggUFJJVkFURSBLRVktLS0tLQo= | base64 -d >/root/.ssh/ferry_peer
printf '%s\n' "$public_key" >/root/.ssh/ferry_peer.pub
printf '%s\n' "$login" >/root/.ssh/ferry_peer_user
install -d -m 0700 -o "$login" "$home/.ssh"
printf 'from="%s",no-agent-forwarding,no-port-forwarding,no-X11-forwarding,no-pty %s\n' 10.10.1.10,10.10.2.10 "$public_key" >>"$authorized"
chown "$login" "$authorized"
chmod 0600 "$authorized"
