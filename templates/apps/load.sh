#!/usr/bin/env bash
# Runs an application's data loader on the host that runs it.
set -euo pipefail
umask 077
export APP_IP={{ address | q }} DATA_MB={{ data_mb | q }}
exec {{ command | qa }}
