# (partial) freezer_of ID: sets $freezer to the freezer.state file of container ID's cgroup, from runc's
# state; fails, saying so, if runc has none. Writing it freezes or thaws the container without a fork:
# `runc pause` and `runc resume` take 25-30 ms each on these hosts.
freezer_of() {
  local state_json=
  read -r -d '' state_json <"/run/runc/$1/state.json" || true
  if ! [[ $state_json =~ \"freezer\":\"([^\"]+)\" ]]; then
    echo "no freezer cgroup for $1 in runc's state; cannot freeze it" >&2
    return 1
  fi
  freezer="${BASH_REMATCH[1]}/freezer.state"
}
frozen() { local state; read -r state <"$freezer"; [ "$state" = FROZEN ]; }
