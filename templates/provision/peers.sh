#!/usr/bin/env bash
# Lets this host reach the stack's other hosts over ssh (for migration transfers) with the stack's
# peer key and their pinned host keys. Rewrites the same files on a second run.
set -euo pipefail
umask 077
install -d -m 0700 /root/.ssh
printf '%s' {{ peer_key_base64 | q }} | base64 -d >/root/.ssh/ferry_peer
printf '%s\n' {{ peer_public_key | q }} >/root/.ssh/ferry_peer.pub
grep -qxF {{ peer_public_key | q }} /root/.ssh/authorized_keys 2>/dev/null || printf '%s\n' {{ peer_public_key | q }} >>/root/.ssh/authorized_keys
printf '%s\n' {{ known_hosts | qa }} >/root/.ssh/known_hosts
