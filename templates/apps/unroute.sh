#!/usr/bin/env bash
# Forgets this host's routes for the addresses of an application that was removed.
set -euo pipefail
umask 077
{{~ for a in addresses ~}}
ip route del {{ a | q }}/32 2>/dev/null || true
{{~ end ~}}
