#!/usr/bin/env bash
# Prints "id status" for each container of an application on this host.
set -uo pipefail
for id in counter-counter; do
  status=$(runc state "$id" 2>/dev/null | awk -F'"' '/"status"/ {print $4}')
  echo "$id ${status:-absent}"
done
