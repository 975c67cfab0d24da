#!/usr/bin/env bash
# Brings up this gateway's IPsec tunnels: writes charon's and swanctl's config (0600; the PSK exists only
# in swanctl's file), starts charon once in its own session, loads the config, and waits (bounded) until
# every child SA is INSTALLED, initiating the ones this gateway owns. A second run rewrites the same files,
# reloads (unchanged connections are kept) and initiates only what is not up.
set -euo pipefail
umask 077
{{ include "partials/out.sh" }}
{{ include "partials/wait.sh" }}
children=({{ children | qa }})
initiate=({{ initiate | qa }})
timeout={{ timeout_seconds | q }}

# Kernel ESP where the kernel has it, charon's user-space ESP (kernel-libipsec) otherwise.
if [ -d /sys/module/esp4 ] || { command -v modprobe >/dev/null && modprobe -q esp4 2>/dev/null; } \
  || { [ -r /proc/config.gz ] && zcat /proc/config.gz | grep -q '^CONFIG_INET_ESP=y'; }; then
  backend=kernel load=no
else
  backend=libipsec load=10
fi
printf '%s\n' {{ strongswan_conf | q }} | sed "s/BACKEND_LOAD/$load/" >/etc/strongswan.d/ferry.conf.new
mv /etc/strongswan.d/ferry.conf.new /etc/strongswan.d/ferry.conf
# IKE leaves from the address the kernel routes to the peer with: the private address behind a cloud's 1:1 NAT
# (the public one is only the identity), the public one where this gateway holds it (the local cloud).
local=$(ip -4 route get {{ peer_address | q }} | sed -n 's/.* src \([0-9.]*\).*/\1/p')
[ -n "$local" ] || { echo "no route from this gateway to its peer "{{ peer_address | q }} >&2; exit 3; }
printf '%s\n' {{ swanctl_conf | q }} | sed "s/LOCAL_ADDRESS/$local/" >/etc/swanctl/conf.d/ferry.conf.new
mv /etc/swanctl/conf.d/ferry.conf.new /etc/swanctl/conf.d/ferry.conf
chmod 0600 /etc/strongswan.d/ferry.conf /etc/swanctl/conf.d/ferry.conf

# TCP through the tunnel: SYNs forwarded here carry an MSS that fits the path's MTU (ESP and UDP
# encapsulation take their share; GCP's network is 1460 to begin with).
nft -f - <<'NFT'
table inet ferry_mss
delete table inet ferry_mss
table inet ferry_mss {
  chain forward {
    type filter hook forward priority mangle; policy accept;
    tcp flags syn / syn,rst tcp option maxseg size set rt mtu
  }
}
NFT

# charon routes the far side's selectors, the apps subnet among them, in table 220 (looked up before main). A
# container this gateway routes itself (a /32 in main: on its own site, or into the tunnel) wins over it; main's
# default route does not. (ip writes one rule at a time: piped into grep -q under pipefail it may die of SIGPIPE
# and the rule look absent, so the rules are read whole first.)
apps={{ app_subnet | q }}
if [ -n "$apps" ] && ! grep -q "to $apps lookup main suppress_prefixlength 0" <<<"$(ip rule show)"; then
  ip rule add to "$apps" lookup main suppress_prefixlength 0 pref 210
fi

# Where this gateway reaches its peers over a link of its own (the local cloud's internet segment), a packet for
# the far side's private addresses that leaves on it unencrypted would cross in the clear: dropped, so a tunnel
# that is down means no path, never plaintext (ESP, IKE and user-space ESP's UDP are addressed to the peer;
# kernel ESP's plaintext carries its transform). Behind a cloud's router the site's own link is the only one,
# and a private address cannot cross the internet anyway.
tunnel_only=({{ peer_subnets | qa }})
[ -z "$apps" ] || tunnel_only+=("$apps")
wan=$(ip -4 route get {{ peer_address | q }} | sed -n 's/.* dev \([^ ]*\).*/\1/p')
lan=$(ip -4 -o route show {{ local_subnet | q }} | sed -n '1s/.* dev \([^ ]*\).*/\1/p')
if [ -n "$wan" ] && [ "$wan" != "$lan" ]; then
  nft -f - <<NFT
table inet ferry_tunnel_only
delete table inet ferry_tunnel_only
table inet ferry_tunnel_only {
  chain postrouting {
    type filter hook postrouting priority filter; policy accept;
    oifname "$wan" ip daddr { $(IFS=,; printf %s "${tunnel_only[*]}") } rt ipsec missing counter drop
  }
}
NFT
fi

charon_up() { swanctl --stats >/dev/null 2>&1; }
if ! charon_up; then
  rm -f /var/run/charon.vici
  setsid /usr/sbin/charon-systemd </dev/null >>/var/log/charon.out 2>&1 &
  echo $! >/run/ferry-charon.pid
  wait_for {{ limits.charon | q }} "charon to answer" charon_up || { echo "charon did not start; /var/log/charon.out:" >&2; tail -n 20 /var/log/charon.out >&2; exit 3; }
fi
if ! out=$(swanctl --load-all --noprompt 2>&1); then
  echo "swanctl --load-all failed:" >&2
  grep -v "^plugin '" <<<"$out" >&2
  exit 3
fi

installed() { swanctl --list-sas --child "$1" 2>/dev/null | grep -q "INSTALLED"; }
owns() { local c; for c in "${initiate[@]}"; do [ "$c" = "$1" ] && return 0; done; return 1; }
start=$(date +%s.%N)
deadline=$((SECONDS + timeout))
for child in "${children[@]}"; do
  until installed "$child"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "child SA $child is not INSTALLED after ${timeout}s (backend $backend); /var/log/charon.log:" >&2
      tail -n 20 /var/log/charon.log >&2
      exit 4
    fi
    # The owner initiates at once; the other side after 3 s, for a peer that still holds an SA with a
    # charon that died here (unique = replace swaps it for the new one).
    if owns "$child" || [ "$SECONDS" -ge "$((deadline - timeout + 3))" ]; then
      swanctl --initiate --child "$child" --timeout 5 >/dev/null 2>&1 || sleep 0.1
    else
      sleep 0.1
    fi
  done
  out {{ keys.vpn_installed_after | q }}".$child" "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')"
done
out {{ keys.vpn_backend | q }} "$backend"
