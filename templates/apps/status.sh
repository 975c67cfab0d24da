#!/usr/bin/env bash
# Reports the state of each container of an application on this host.
set -uo pipefail
umask 077
{{ include "partials/out.sh" }}
for id in {{ ids | qa }}; do
  status=$(runc state "$id" 2>/dev/null | awk -F'"' '/"status"/ {print $4}')
  out {{ keys.container | q }}".$id" "${status:-absent}"
done
