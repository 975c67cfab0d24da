#!/usr/bin/env bash
# Lets this host reach the stack's other hosts over ssh (for migration transfers) with the stack's
# peer key and their pinned host keys. Rewrites the same files on a second run.
set -euo pipefail
umask 077
install -d -m 0700 /root/.ssh
printf '%s' LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0KYjNCbGJuTnphQzFyWlhrdGRqRUFBQUFBCi0tLS0tRU5EIE9QRU5TU0ggUFJJVkFURSBLRVktLS0tLQo= | base64 -d >/root/.ssh/ferry_peer
printf '%s\n' 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPeerKeyForUnitTests ferry-peer@unit' >/root/.ssh/ferry_peer.pub
grep -qxF 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPeerKeyForUnitTests ferry-peer@unit' /root/.ssh/authorized_keys 2>/dev/null || printf '%s\n' 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPeerKeyForUnitTests ferry-peer@unit' >>/root/.ssh/authorized_keys
printf '%s\n' '10.10.0.1,203.0.113.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIaws-gw' '10.10.0.11 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIaws-w1' '10.20.0.1,203.0.113.2 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIgcp-gw' '10.20.0.11 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIgcp-w1' '203.0.113.10 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIfront' '203.0.113.20 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIclient' >/root/.ssh/known_hosts
