# (partial) With several containers, each one's part of a step runs in a subshell of its own, side by side
# (inside a freeze, one after the other would add their times): side_by_side_wait waits for them all and
# fails if one failed (each has said why on stderr), after the others finished.
side_by_side=()
side_by_side_wait() {
  local failed=0 p
  for p in "${side_by_side[@]}"; do wait "$p" || failed=1; done
  side_by_side=()
  return "$failed"
}
