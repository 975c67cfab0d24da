#!/usr/bin/env bash
# Removes an application's containers from this host.
set -uo pipefail
{{#each containers}}
id={{q id}}; bundle={{q bundle}}; netns={{q netns}}; veth={{q veth}}
{{> container-remove}}
{{/each}}
exit 0
