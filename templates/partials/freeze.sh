# (partial) Freezes container $id through its cgroup freezer (a write, no fork) and cuts its network
# namespace off, before the strategy dumps it with --leave-running: criu puts a frozen cgroup back to
# frozen when it lets go, so the source keeps the application exactly as it was at the freeze until the
# move has succeeded (cleanup-source kills it then) or failed (rollback-source thaws it). A dump that
# fails part-way leaves every container frozen, none killed. criu unlocks the network when it lets go of
# running tasks; the ferry_hold table (begun by checkpoint.sh to turn away new connections) keeps the
# frozen copy from acknowledging anything a client sends it. Reports what freezing and cutting off cost (µs), which lengthens the freeze. Needs wait.sh, freezer.sh and out.sh.
freeze_begun=${EPOCHREALTIME//[.,]/}
freezer_of "$id" || exit 1
echo FROZEN >"$freezer"
wait_for {{ limits.stop | q }} "the freezer to stop $id" frozen
nsenter --net="/run/netns/$netns" nft -f - <<'NFT'
table inet ferry_hold {
  chain input { type filter hook input priority -300; policy drop; }
  chain output { type filter hook output priority -300; policy drop; }
}
NFT
out {{ keys.freeze_cost_us | q }}".$id" "$(( ${EPOCHREALTIME//[.,]/} - freeze_begun ))"
