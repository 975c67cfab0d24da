# (partial) A move's own nftables rules on this host, one table each, named after one of the move's
# leased page-server ports, so that concurrent moves never touch each other's rules.
# guard_port PORT PEER…: only the PEERs may open TCP connections to PORT (criu's page server and lazy-pages
# server do not authenticate), until unguard_port PORT.
# count_sent KEY TARGET: counts the bytes this host itself sends to TARGET (rsync over ssh, page servers;
# not the containers' answers to their clients, which the host forwards), until sent_bytes KEY prints the
# count and removes the counter.
guard_port() {
  local port="$1" IFS=,
  shift
  unguard_port "$port"
  printf 'table ip ferry_port_%s {\n  chain input {\n    type filter hook input priority -5; policy accept;\n    tcp dport %s ip saddr != { %s } reject with tcp reset\n  }\n}\n' "$port" "$port" "$*" | nft -f -
}
unguard_port() { nft delete table ip "ferry_port_$1" 2>/dev/null || true; }
count_sent() {
  nft list table ip "ferry_sent_$1" >/dev/null 2>&1 && return 0
  printf 'table ip ferry_sent_%s {\n  chain output {\n    type filter hook output priority 0; policy accept;\n    ip daddr %s counter\n  }\n}\n' "$1" "$2" | nft -f -
}
sent_bytes() {
  local table
  table=$(nft list table ip "ferry_sent_$1" 2>/dev/null) || return 0
  nft delete table ip "ferry_sent_$1" 2>/dev/null || true
  if [[ $table =~ bytes\ ([0-9]+) ]]; then printf '%s' "${BASH_REMATCH[1]}"; fi
}
