#!/usr/bin/env bash
# Installs what this machine itself needs to run the local cloud (the hosts' own packages live in the
# host image). Installs only what is missing, so a rerun is quick.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "ferry setup must run as root (it installs packages and later creates namespaces): rerun with sudo" >&2
  exit 2
fi
declare -A need=(
  [debootstrap]=debootstrap [cloud-init]=cloud-init [ip]=iproute2 [tc]=iproute2 [ssh]=openssh-client [ssh-keygen]=openssh-client
  [rsync]=rsync [unshare]=util-linux [pkill]=procps [iptables]=iptables [tcpdump]=tcpdump [setsid]=util-linux
  [mountpoint]=util-linux [nft]=nftables
  # The browser tests (dashboard, reports) drive Debian's chromium through Playwright (whose own browser download cannot work here).
  [chromium]=chromium
)
missing=()
for cmd in "${!need[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("${need[$cmd]}")
done
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || missing+=(debian-archive-keyring)
if [ ${#missing[@]} -gt 0 ]; then
  packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  echo "installing: $packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $packages >/dev/null
  # cloud-init is here only for `cloud-init schema` in the tests: it must not configure this machine at its next boot.
  case " $packages " in
    *" cloud-init "*) mkdir -p /etc/cloud && touch /etc/cloud/cloud-init.disabled ;;
  esac
fi
for module in overlay veth bridge tun; do modprobe "$module" 2>/dev/null || true; done
echo "machine ready"
