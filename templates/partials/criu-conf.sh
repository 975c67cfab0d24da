# (partial) CRIU options for the container that runc has no flag for (config.json points at this file).
# A connection still in the listen backlog cannot be dumped; it is dropped and the front retries it.
# Databases hold POSIX locks on their files (MariaDB's InnoDB does): criu dumps and restores them.
printf '%s\n' skip-in-flight file-locks >"$bundle/criu.conf"
