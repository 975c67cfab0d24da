#!/usr/bin/env bash
# Points this host's route for application addresses at the host that runs them now.
set -euo pipefail
umask 077
ip route replace 10.252.0.10/32 via 203.0.113.1
