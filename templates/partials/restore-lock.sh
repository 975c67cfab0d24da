# (partial) restore_lock / restore_unlock: while an application's containers are restored (side by side,
# each at its own pace), packets routed between them are dropped, so a namespace whose sockets are not restored yet
# cannot answer a restored peer's retransmission with a reset (a web server's open database connection
# would die). Once all run, TCP retransmits what was dropped. Only for applications of several containers.
restore_lock_table=$(printf 'ferry_restore_%s' {{ containers[0].id | q }} | tr -c 'a-zA-Z0-9_' _)
restore_lock() {
  local addresses
  addresses=$(IFS=,; echo "$*")
  nft -f - <<NFT
table ip $restore_lock_table {
  chain forward { type filter hook forward priority -10; policy accept; ip daddr { $addresses } drop; }
}
NFT
}
restore_unlock() { nft delete table ip "$restore_lock_table" 2>/dev/null || true; }
