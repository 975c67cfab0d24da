#!/usr/bin/env bash
# Forgets this host's routes for the addresses of an application that was removed.
set -euo pipefail
umask 077
ip route del 10.252.0.10/32 2>/dev/null || true
ip route del 10.252.0.11/32 2>/dev/null || true
