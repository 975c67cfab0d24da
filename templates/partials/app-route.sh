# (partial) app_route ADDRESS VIA TUNNEL: this host's route for one application address. With TUNNEL=yes VIA is
# the far site's gateway: where that gateway is on this host's link (the local cloud) the route goes to it;
# where it is reached only through a router (a cloud, behind 1:1 NAT) the address is reached through the
# IPsec tunnel: user-space ESP's device, or the kernel's policies on the default path.
app_route() {
  local path
  if [ "$3" = yes ] && path=$(ip -4 route get "$2" 2>/dev/null) && grep -q " via " <<<"$path"; then
    if ip link show ipsec0 >/dev/null 2>&1; then
      ip route replace "$1/32" dev ipsec0
    else
      ip route replace "$1/32" $(grep -o 'via [0-9.]*' <<<"$path")
    fi
  else
    ip route replace "$1/32" via "$2"
  fi
}
