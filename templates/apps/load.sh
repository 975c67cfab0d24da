#!/usr/bin/env bash
# Runs an application's data loader on the host that runs it.
set -euo pipefail
export APP_IP={{q address}} DATA_MB={{q dataMb}}
exec {{qa command}}
