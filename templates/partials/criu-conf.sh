# (partial) CRIU options for the container that runc has no flag for (config.json points at this file).
# A connection still in the listen backlog cannot be dumped; it is dropped and the front retries it.
# Databases hold POSIX locks on their files (MariaDB's InnoDB does): criu dumps and restores them.
# criu locks the container's network through libnftables, inside its own process, where the host's criu
# can: by default it runs iptables-restore and iptables, twice to lock and up to seven times to unlock,
# which took 123-166 ms of each restore on these hosts, between the tasks' restore and their resumption.
criu_conf=(skip-in-flight file-locks)
if criu check --feature network_lock_nftables >/dev/null 2>&1; then criu_conf+=("network-lock nftables"); fi
printf '%s\n' "${criu_conf[@]}" >"$bundle/criu.conf"
